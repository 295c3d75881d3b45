using System.Text;

namespace Shoebox.Models.Tokenizers;

internal enum PieceType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}

internal readonly record struct Piece(string Text, float Score, PieceType Type);

/// <summary>How the model wants raw text turned into the string its pieces are matched against.</summary>
internal sealed record NormalizerSpec(byte[] PrecompiledCharsMap, bool AddDummyPrefix, bool RemoveExtraWhitespaces, bool EscapeWhitespaces);

/// <summary>
/// The parts of a SentencePiece ModelProto (sentencepiece_model.proto) that encoding needs. Absent fields take the
/// proto's declared defaults, as the reference library reads them.
/// </summary>
internal sealed record SentencePieceModel(
    IReadOnlyList<Piece> Pieces,
    int ModelType,
    bool ByteFallback,
    bool TreatWhitespaceAsSuffix,
    string EndOfSequencePiece,
    NormalizerSpec Normalizer)
{
    public const int UnigramModelType = 1;

    // Field numbers from sentencepiece_model.proto.
    private const int ModelPieces = 1, ModelTrainerSpec = 2, ModelNormalizerSpec = 3;
    private const int PieceText = 1, PieceScore = 2, PieceKind = 3;
    private const int TrainerModelType = 3, TrainerTreatWhitespaceAsSuffix = 24, TrainerByteFallback = 35, TrainerEosPiece = 47;
    private const int NormalizerCharsMap = 2, NormalizerAddDummyPrefix = 3, NormalizerRemoveExtraWhitespaces = 4,
        NormalizerEscapeWhitespaces = 5;

    public static SentencePieceModel Parse(ReadOnlySpan<byte> data)
    {
        var pieces = new List<Piece>();
        int modelType = UnigramModelType;
        bool byteFallback = false, whitespaceAsSuffix = false;
        string eosPiece = "</s>";
        var normalizer = new NormalizerSpec([], AddDummyPrefix: true, RemoveExtraWhitespaces: true, EscapeWhitespaces: true);

        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (ModelPieces, ProtoReader.LengthDelimited):
                    pieces.Add(ParsePiece(reader.ReadBytes()));
                    break;
                case (ModelTrainerSpec, ProtoReader.LengthDelimited):
                    var trainer = new ProtoReader(reader.ReadBytes());
                    while (trainer.TryReadTag(out int f, out int w))
                    {
                        switch (f, w)
                        {
                            case (TrainerModelType, ProtoReader.Varint):
                                modelType = (int)trainer.ReadVarint();
                                break;
                            case (TrainerTreatWhitespaceAsSuffix, ProtoReader.Varint):
                                whitespaceAsSuffix = trainer.ReadVarint() != 0;
                                break;
                            case (TrainerByteFallback, ProtoReader.Varint):
                                byteFallback = trainer.ReadVarint() != 0;
                                break;
                            case (TrainerEosPiece, ProtoReader.LengthDelimited):
                                eosPiece = Encoding.UTF8.GetString(trainer.ReadBytes());
                                break;
                            default:
                                trainer.Skip(w);
                                break;
                        }
                    }

                    break;
                case (ModelNormalizerSpec, ProtoReader.LengthDelimited):
                    normalizer = ParseNormalizer(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (pieces.Count == 0)
        {
            throw new InvalidDataException("The SentencePiece model has no pieces.");
        }

        return new SentencePieceModel(pieces, modelType, byteFallback, whitespaceAsSuffix, eosPiece, normalizer);
    }

    private static Piece ParsePiece(ReadOnlySpan<byte> data)
    {
        string text = "";
        float score = 0;
        var type = PieceType.Normal;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (PieceText, ProtoReader.LengthDelimited):
                    text = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case (PieceScore, ProtoReader.Fixed32):
                    score = reader.ReadFloat();
                    break;
                case (PieceKind, ProtoReader.Varint):
                    type = (PieceType)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new Piece(text, score, type);
    }

    private static NormalizerSpec ParseNormalizer(ReadOnlySpan<byte> data)
    {
        byte[] charsMap = [];
        bool dummyPrefix = true, removeExtra = true, escape = true;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (NormalizerCharsMap, ProtoReader.LengthDelimited):
                    charsMap = reader.ReadBytes().ToArray();
                    break;
                case (NormalizerAddDummyPrefix, ProtoReader.Varint):
                    dummyPrefix = reader.ReadVarint() != 0;
                    break;
                case (NormalizerRemoveExtraWhitespaces, ProtoReader.Varint):
                    removeExtra = reader.ReadVarint() != 0;
                    break;
                case (NormalizerEscapeWhitespaces, ProtoReader.Varint):
                    escape = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new NormalizerSpec(charsMap, dummyPrefix, removeExtra, escape);
    }
}
