#!/usr/bin/env python3
"""Writes a small Lightroom Classic catalog with its previews, from the documented formats, to try Shoebox on.

    tools/make_lightroom_sample.py PHOTO.jpg OUT_DIR

OUT_DIR gets Main.lrcat, "Main Previews.lrdata" and drive/ (the originals' root). Four images:
  IMG_0001  original on disk; keywords, caption, five stars
  IMG_0002  original offline; a three-level .lrprev, orientation BC (turned a quarter clockwise)
  IMG_0003  original offline; Lightroom 13.3+ per-size preview files
  IMG_0004  original offline; its .lrprev cut short in the last level (the middle level is recovered)
The previews are made from PHOTO.jpg with ImageMagick's `convert`. Written independently of the C# reader and its
test fixtures, from the layout in ../shared/docs/reference.md, so that the two are checked against each other.
"""
import os
import sqlite3
import struct
import subprocess
import sys
import uuid


def jpeg(photo, long_edge, out):
    subprocess.run(["convert", photo, "-resize", f"{long_edge}x{long_edge}", "-quality", "85", out], check=True)
    data = open(out, "rb").read()
    os.remove(out)
    return data


def size_of(data):
    i = 2
    while i < len(data):
        marker = data[i + 1]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    raise ValueError("no frame header")


def section(name, data, kind):
    header_length = 32
    padding = (-len(data)) % 16
    head = b"AgHg" + struct.pack(">HBBQQ", header_length, 0, kind, len(data), padding)
    head += name.encode() + b"\0" * (header_length - len(head) - len(name))
    return head + data + b"\0" * padding


def lrprev(image_uuid, digest, levels):
    sizes = ", ".join(f"{{ height = {h}, width = {w} }}" for w, h in (size_of(level) for level in levels))
    width, height = size_of(levels[-1])
    header = (f'pyramid = {{ colorProfile = "AdobeRGB", croppedHeight = {height}, croppedWidth = {width}, digest = "{digest}", '
              f'fileTimeStamp = 786000000, formatVersion = 3, fromProxy = false, levels = {{ {sizes} }}, quality = "standard", uuid = "{image_uuid}" }}')
    return section("header", header.encode(), 0) + b"".join(section(f"level_{i + 1}", level, 1) for i, level in enumerate(levels))


def folder_of(bundle, image_uuid):
    path = os.path.join(bundle, image_uuid[0], image_uuid[:4])
    os.makedirs(path, exist_ok=True)
    return path


def main(photo, out):
    os.makedirs(out, exist_ok=True)
    drive = os.path.abspath(os.path.join(out, "drive"))
    os.makedirs(os.path.join(drive, "2021"), exist_ok=True)
    scratch = os.path.join(out, "scratch.jpg")
    levels = [jpeg(photo, edge, scratch) for edge in (90, 360, 1440)]
    open(os.path.join(drive, "2021", "IMG_0001.jpg"), "wb").write(jpeg(photo, 2000, scratch))

    catalog = sqlite3.connect(os.path.join(out, "Main.lrcat"))
    catalog.executescript("""
        PRAGMA journal_mode = WAL;
        CREATE TABLE Adobe_images (id_local INTEGER PRIMARY KEY, id_global TEXT, rootFile INTEGER, captureTime TEXT, rating REAL,
            pick REAL, orientation TEXT, masterImage INTEGER, copyName TEXT, fileFormat TEXT);
        CREATE TABLE AgLibraryFile (id_local INTEGER PRIMARY KEY, id_global TEXT, baseName TEXT, extension TEXT, folder INTEGER, originalFilename TEXT);
        CREATE TABLE AgLibraryFolder (id_local INTEGER PRIMARY KEY, id_global TEXT, rootFolder INTEGER, pathFromRoot TEXT, parentId INTEGER);
        CREATE TABLE AgLibraryRootFolder (id_local INTEGER PRIMARY KEY, id_global TEXT, absolutePath TEXT, name TEXT, relativePathFromCatalog TEXT);
        CREATE TABLE AgLibraryKeyword (id_local INTEGER PRIMARY KEY, id_global TEXT, name TEXT, lc_name TEXT, parent INTEGER, genealogy TEXT, keywordType TEXT);
        CREATE TABLE AgLibraryKeywordImage (id_local INTEGER PRIMARY KEY, image INTEGER, tag INTEGER);
        CREATE TABLE AgLibraryIPTC (id_local INTEGER PRIMARY KEY, image INTEGER, caption TEXT);
        CREATE TABLE Adobe_variablesTable (id_local INTEGER PRIMARY KEY, name TEXT, value TEXT);
        INSERT INTO Adobe_variablesTable (name, value) VALUES ('AgLibraryKeyword_rootTagID', '1');
        INSERT INTO AgLibraryKeyword (id_local, name, parent) VALUES (1, NULL, NULL);
        INSERT INTO AgLibraryKeyword (id_local, name, lc_name, parent) VALUES (2, 'Places', 'places', 1), (3, 'Lisbon', 'lisbon', 2), (4, 'tram', 'tram', 1);
        INSERT INTO AgLibraryKeyword (id_local, name, lc_name, parent, keywordType) VALUES (5, 'Ana', 'ana', 1, 'person');
        """)
    catalog.execute("INSERT INTO AgLibraryRootFolder VALUES (1, ?, ?, 'drive', NULL)", (str(uuid.uuid4()).upper(), drive + "/"))
    catalog.execute("INSERT INTO AgLibraryFolder VALUES (1, ?, 1, '2021/', NULL)", (str(uuid.uuid4()).upper(),))

    bundle = os.path.join(out, "Main Previews.lrdata")
    os.makedirs(bundle, exist_ok=True)
    previews = sqlite3.connect(os.path.join(bundle, "previews.db"))
    previews.executescript("""
        CREATE TABLE ImageCacheEntry (imageId INTEGER PRIMARY KEY, uuid TEXT, digest TEXT, orientation TEXT);
        CREATE TABLE Pyramid (uuid TEXT, digest TEXT, colorProfile TEXT, croppedWidth INTEGER, croppedHeight INTEGER, quality TEXT);
        CREATE TABLE PyramidLevel (uuid TEXT, level INTEGER, longDimension INTEGER, digest TEXT, width INTEGER, height INTEGER);
        """)
    for number, orientation in ((1, "AB"), (2, "BC"), (3, "AB"), (4, "AB")):
        name = f"IMG_{number:04}"
        catalog.execute("INSERT INTO AgLibraryFile VALUES (?, ?, ?, 'jpg', 1, ?)", (number, str(uuid.uuid4()).upper(), name, name + ".jpg"))
        catalog.execute("INSERT INTO Adobe_images VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, 'JPG')",
                        (number, str(uuid.uuid4()).upper(), number, f"2021-07-1{number}T18:3{number}:00", 5 if number == 1 else None, orientation))
        image_uuid, digest = str(uuid.uuid4()).upper(), uuid.uuid4().hex
        previews.execute("INSERT INTO ImageCacheEntry VALUES (?, ?, ?, ?)", (number, image_uuid, digest, orientation))
        width, height = size_of(levels[-1])
        previews.execute("INSERT INTO Pyramid VALUES (?, ?, 'AdobeRGB', ?, ?, 'standard')", (image_uuid, digest, width, height))
        level_digest = uuid.uuid4().hex
        for level, data in enumerate(levels, 1):
            w, h = size_of(data)
            previews.execute("INSERT INTO PyramidLevel VALUES (?, ?, ?, ?, ?, ?)", (image_uuid, level, max(w, h), level_digest, w, h))
        folder = folder_of(bundle, image_uuid)
        if number == 3:
            for data in levels:
                open(os.path.join(folder, f"{image_uuid}-{level_digest}_{max(size_of(data))}"), "wb").write(data)
        else:
            data = lrprev(image_uuid, digest, levels)
            if number == 4:
                data = data[:len(data) - len(levels[-1]) // 2]
            open(os.path.join(folder, f"{image_uuid}-{digest}.lrprev"), "wb").write(data)
    catalog.executemany("INSERT INTO AgLibraryKeywordImage (image, tag) VALUES (?, ?)", [(1, 3), (1, 4), (1, 5), (2, 3)])
    catalog.executemany("INSERT INTO AgLibraryIPTC (image, caption) VALUES (?, ?)", [(1, "Tram 28 climbing to Graça"), (2, "Fireworks over the Tagus")])
    catalog.commit()
    previews.commit()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
