using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>The user's word on a face, which indexing and grouping never override.</summary>
public enum FaceDecision
{
    /// <summary>Nothing decided: grouping places the face.</summary>
    None,

    /// <summary>The user put the face in its person.</summary>
    Person,

    /// <summary>The user took the face out of any person.</summary>
    NoPerson,

    /// <summary>Not a face: hidden from people and never grouped.</summary>
    NotAFace,
}

/// <summary>A face as the catalog holds it, with the person it belongs to (null: none yet, or none for good).</summary>
public sealed record StoredFace(long Id, long PhotoId, FaceRegion Box, double Score, string Model, long? PersonId, string? PersonName, FaceDecision Decision);

/// <summary>A face's descriptor, and the person it is in (null: not grouped yet).</summary>
public sealed record FaceDescriptor(long FaceId, long? PersonId, float[] Descriptor);

/// <summary>
/// A person as lists show them: faces and photos counted, and the face to show for them (the user's choice, else the
/// largest clearest one). <see cref="NamedByUser"/> is false for a name carried over from a photo library.
/// </summary>
public sealed record PersonSummary(long Id, string? Name, bool NamedByUser, int Faces, int Photos, long? CoverFaceId, long? CoverPhotoId);

/// <summary>A name a photo library gave to photos of a person, and on how many of the person's photos.</summary>
public sealed record ImportedName(long PersonId, string Name, int Photos, int PersonPhotos);
