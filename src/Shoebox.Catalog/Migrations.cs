namespace Shoebox.Catalog;

/// <summary>
/// The catalog schema as an append-only list: entry N upgrades a catalog from version N to N+1 (PRAGMA user_version).
/// Never edit a shipped entry; add a new one.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> All =
    [
        """
        CREATE TABLE photos (
            id            INTEGER PRIMARY KEY,
            hash          BLOB    NOT NULL UNIQUE,  -- SHA-256 of the content: the photo's identity
            size          INTEGER NOT NULL,
            format        TEXT    NOT NULL,
            width         INTEGER,                  -- as displayed, after EXIF orientation
            height        INTEGER,
            taken_at      TEXT,                     -- camera wall-clock time, yyyy-MM-ddTHH:mm:ss
            taken_offset  TEXT,                     -- +hh:mm when the camera recorded its UTC offset
            camera_make   TEXT,
            camera_model  TEXT,
            lens          TEXT,
            latitude      REAL,
            longitude     REAL,
            altitude      REAL,
            orientation   INTEGER,
            added_at      INTEGER NOT NULL          -- unix milliseconds
        );
        CREATE INDEX photos_taken_at ON photos(taken_at);

        -- Where photos live on disk: many locations to one photo. A failed or ignored location may have no photo.
        CREATE TABLE locations (
            id          INTEGER PRIMARY KEY,
            path        TEXT    NOT NULL UNIQUE,
            root        TEXT    NOT NULL,
            photo_id    INTEGER REFERENCES photos(id) ON DELETE SET NULL,
            size        INTEGER NOT NULL,
            mtime       INTEGER NOT NULL,           -- .NET ticks, UTC: compared exactly to skip unchanged files
            first_seen  INTEGER NOT NULL,           -- unix milliseconds
            last_seen   INTEGER NOT NULL,
            status      TEXT    NOT NULL CHECK (status IN ('ok', 'missing', 'failed', 'ignored')),
            reason      TEXT
        );
        CREATE INDEX locations_photo ON locations(photo_id);
        CREATE INDEX locations_status ON locations(status);

        -- Per photo and stage: what is done, pending or failed, and why.
        CREATE TABLE photo_stages (
            photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            stage       TEXT    NOT NULL,
            state       TEXT    NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
            reason      TEXT,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (photo_id, stage)
        ) WITHOUT ROWID;
        CREATE INDEX photo_stages_state ON photo_stages(state, stage);

        -- Every model whose vectors are stored, with the identity that keeps vector spaces apart.
        CREATE TABLE models (
            id          TEXT PRIMARY KEY,
            version     TEXT    NOT NULL,
            dimensions  INTEGER NOT NULL,
            details     TEXT                        -- JSON: preprocessing, tokenizer, source files and hashes
        );

        CREATE TABLE embeddings (
            photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            model_id    TEXT    NOT NULL REFERENCES models(id),
            vector      BLOB    NOT NULL,           -- little-endian float16 (see VectorCodec), models.dimensions long
            created_at  INTEGER NOT NULL,
            PRIMARY KEY (photo_id, model_id)
        ) WITHOUT ROWID;

        -- Words attached to a photo: OCR lines, captions, keywords, titles. Searched through texts_fts.
        CREATE TABLE texts (
            id          INTEGER PRIMARY KEY,
            photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            kind        TEXT    NOT NULL,           -- ocr, caption, keyword, title, description, ...
            source      TEXT    NOT NULL,           -- who wrote it: exif, xmp, user, a model id, an importer
            content     TEXT    NOT NULL,
            details     TEXT                        -- JSON: boxes and confidences for OCR
        );
        CREATE INDEX texts_photo ON texts(photo_id);
        CREATE VIRTUAL TABLE texts_fts USING fts5(content, content='texts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER texts_ai AFTER INSERT ON texts BEGIN
            INSERT INTO texts_fts(rowid, content) VALUES (new.id, new.content);
        END;
        CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN
            INSERT INTO texts_fts(texts_fts, rowid, content) VALUES ('delete', old.id, old.content);
        END;
        CREATE TRIGGER texts_au AFTER UPDATE ON texts BEGIN
            INSERT INTO texts_fts(texts_fts, rowid, content) VALUES ('delete', old.id, old.content);
            INSERT INTO texts_fts(rowid, content) VALUES (new.id, new.content);
        END;

        -- One row per `shoebox index`, kept for `status` and for diagnosing what a run did.
        CREATE TABLE runs (
            id           INTEGER PRIMARY KEY,
            started_at   INTEGER NOT NULL,
            finished_at  INTEGER,
            roots        TEXT    NOT NULL,          -- JSON array
            summary      TEXT                       -- JSON, as printed by `index --json`
        );
        """,
        """
        -- Library-wide choices, such as the model used when a command names none.
        CREATE TABLE settings (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        -- File and folder names, searchable as words: a photo is found by "invoice" when it lives in Invoices/ or
        -- is named invoice_2019.png. The path below its root, so the user's own home folder names match nothing.
        -- rowid = locations.id; only locations that point at a photo.
        CREATE VIRTUAL TABLE names_fts USING fts5(name, tokenize='unicode61 remove_diacritics 2');
        INSERT INTO names_fts (rowid, name)
            SELECT id, substr(path, length(root) + 2) FROM locations WHERE photo_id IS NOT NULL;
        CREATE TRIGGER names_ai AFTER INSERT ON locations WHEN new.photo_id IS NOT NULL BEGIN
            INSERT INTO names_fts (rowid, name) VALUES (new.id, substr(new.path, length(new.root) + 2));
        END;
        CREATE TRIGGER names_ad AFTER DELETE ON locations BEGIN
            DELETE FROM names_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER names_au AFTER UPDATE OF path, root, photo_id ON locations BEGIN
            DELETE FROM names_fts WHERE rowid = old.id;
            INSERT INTO names_fts (rowid, name) SELECT new.id, substr(new.path, length(new.root) + 2) WHERE new.photo_id IS NOT NULL;
        END;
        """,
        """
        -- Search asks "has this photo a location that exists?" and "has it a text of this kind?" for every photo a
        -- filter looks at. With the status and kind in the index the answer comes from the index alone, not from a
        -- table row per photo: at 100,000 photos a random pick went from 590 ms to 70 ms.
        CREATE INDEX locations_photo_status ON locations(photo_id, status);
        DROP INDEX locations_photo;
        CREATE INDEX texts_photo_kind ON texts(photo_id, kind);
        DROP INDEX texts_photo;
        """,
        """
        -- Photo libraries (Takeout, Lightroom, Apple Photos) and sidecars say things about the images they list.
        -- What a source says is kept per location and source, so a photo in two albums keeps both, and a source
        -- that changes its mind replaces only what it said before.
        ALTER TABLE locations ADD COLUMN source TEXT;   -- the importer owning the location ("lightroom:/x/Main.lrcat"); null for folders
        ALTER TABLE locations ADD COLUMN content TEXT;  -- JSON: where the bytes are when not at path (archive entry, stand-in preview)
        CREATE INDEX locations_source ON locations(source) WHERE source IS NOT NULL;
        ALTER TABLE texts ADD COLUMN location_id INTEGER REFERENCES locations(id) ON DELETE CASCADE;
        CREATE INDEX texts_location ON texts(location_id) WHERE location_id IS NOT NULL;
        CREATE TABLE location_facts (
            location_id   INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
            source        TEXT    NOT NULL,         -- takeout, lightroom, apple-photos, xmp
            fingerprint   BLOB    NOT NULL,         -- of everything below and the texts: unchanged facts are not rewritten
            overrides     INTEGER NOT NULL,         -- 1: date and place beat the file's EXIF; 0: they fill what EXIF lacks
            taken_at      TEXT,
            taken_offset  TEXT,
            latitude      REAL,
            longitude     REAL,
            altitude      REAL,
            camera_make   TEXT,
            camera_model  TEXT,
            lens          TEXT,
            rating        INTEGER,                  -- 0-5 stars, -1 rejected
            favorite      INTEGER NOT NULL,
            pick          INTEGER,                  -- Lightroom flag: 1 picked, -1 rejected
            preview       INTEGER NOT NULL,         -- the bytes are a preview standing in for an offline original
            PRIMARY KEY (location_id, source)
        ) WITHOUT ROWID;
        -- The photo's date, place and camera columns merge the file's EXIF with what sources say; the file's own
        -- values are kept here (JSON) so the merge can be redone when a source changes its mind or goes away.
        ALTER TABLE photos ADD COLUMN exif TEXT;
        UPDATE photos SET exif = json_object('takenAt', taken_at, 'takenOffset', taken_offset, 'latitude', latitude,
            'longitude', longitude, 'altitude', altitude, 'cameraMake', camera_make, 'cameraModel', camera_model, 'lens', lens)
        WHERE width IS NOT NULL;
        """,
        """
        -- Perceptual hashes (64-bit pHash, stored as a signed integer) find the same picture re-saved, resized or converted.
        CREATE TABLE photo_hashes (
            photo_id  INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            phash     INTEGER NOT NULL,
            grey      BLOB    NOT NULL,         -- 32 x 32 grey levels the hash was made from: tells apart pictures that differ in detail (other words on a meme)
            centre    BLOB    NOT NULL          -- the same of the middle 90%: what a copy cropped to its centre shows
        );
        """,
        """
        -- Tags the user took off a photo. Automatic tags are texts (kind 'tag') written by each tagging run; a removal
        -- kept apart from them outlives every later run, so the user's word always wins.
        CREATE TABLE tag_removals (
            photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            tag         TEXT    NOT NULL COLLATE NOCASE,
            removed_at  INTEGER NOT NULL,
            PRIMARY KEY (photo_id, tag)
        ) WITHOUT ROWID;
        """,
        """
        -- Indexing workers (several processes, or machines sharing a PostgreSQL catalog) claim photos in batches:
        -- who holds a photo, until when (unix ms, by the database's clock), and how often it was claimed (a photo
        -- that keeps losing its worker is left alone after a few claims).
        ALTER TABLE photos ADD COLUMN claimed_by TEXT;
        ALTER TABLE photos ADD COLUMN lease_until INTEGER;
        ALTER TABLE photos ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
        """,
        """
        -- A photo id is never given twice: the web app caches thumbnails by id for good, and a pruned photo's id given
        -- to a new photo showed the old picture (SQLite gives max(id) + 1, which comes back when the newest photo is
        -- pruned). AUTOINCREMENT remembers the largest id ever given; adding it rebuilds the table, by SQLite's own
        -- recipe (foreign keys are off around migrations, so dropping the old table cascades to nothing).
        CREATE TABLE photos_new (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            hash          BLOB    NOT NULL UNIQUE,
            size          INTEGER NOT NULL,
            format        TEXT    NOT NULL,
            width         INTEGER,
            height        INTEGER,
            taken_at      TEXT,
            taken_offset  TEXT,
            camera_make   TEXT,
            camera_model  TEXT,
            lens          TEXT,
            latitude      REAL,
            longitude     REAL,
            altitude      REAL,
            orientation   INTEGER,
            added_at      INTEGER NOT NULL,
            exif          TEXT,
            claimed_by    TEXT,
            lease_until   INTEGER,
            claims        INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO photos_new (id, hash, size, format, width, height, taken_at, taken_offset, camera_make, camera_model, lens,
                                latitude, longitude, altitude, orientation, added_at, exif, claimed_by, lease_until, claims)
            SELECT id, hash, size, format, width, height, taken_at, taken_offset, camera_make, camera_model, lens,
                   latitude, longitude, altitude, orientation, added_at, exif, claimed_by, lease_until, claims FROM photos;
        DROP TABLE photos;
        ALTER TABLE photos_new RENAME TO photos;
        CREATE INDEX photos_taken_at ON photos(taken_at);
        """,
        """
        -- What the user decided about duplicate groups: the photo to keep of its group, and pairs of photos that are not
        -- duplicates of each other (photo_a < photo_b), so that later finds respect both.
        CREATE TABLE duplicate_keepers (
            photo_id    INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            chosen_at   INTEGER NOT NULL
        );
        CREATE TABLE not_duplicates (
            photo_a     INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            photo_b     INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            decided_at  INTEGER NOT NULL,
            PRIMARY KEY (photo_a, photo_b)
        ) WITHOUT ROWID;
        """,
        """
        -- A model's photos listed without reading their vectors: the first search checks its saved vector index against
        -- this list, and the table keeps each 1 KB vector beside its key, so listing from the table read the whole of it
        -- (at 300,000 photos 3.6 s from disk against 0.35 s from this index; at a million, most of a 12 s first search).
        CREATE INDEX embeddings_model ON embeddings(model_id, photo_id);
        """,
        """
        -- A camera raw shown as the second file of the JPEG (or HEIC) of the same shot beside it: its location points at
        -- the JPEG's photo and its own content is not catalogued, decoded or compared.
        ALTER TABLE locations ADD COLUMN paired INTEGER NOT NULL DEFAULT 0;
        """,
        """
        -- The folders and photo libraries the library is built from, what `shoebox index` with no path and `serve` scan
        -- again: the path, its kind (folder, takeout, lightroom, apple-photos, as PhotoLibraries names them), whether the
        -- user paused it, and how its last scan went. Filled from what runs were pointed at (folder paths, and library ids
        -- "kind:path"), so a library indexed before sources existed keeps every one it had.
        CREATE TABLE sources (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            path        TEXT    NOT NULL UNIQUE,    -- full, without a trailing separator
            kind        TEXT    NOT NULL,
            added_at    INTEGER NOT NULL,           -- unix milliseconds
            paused      INTEGER NOT NULL DEFAULT 0,
            last_scan   INTEGER,                    -- unix milliseconds, when its last scan ended
            last_error  TEXT                        -- why its last scan could not read it; null when it went well
        );
        INSERT OR IGNORE INTO sources (path, kind, added_at, last_scan)
        SELECT CASE WHEN kind = 'folder' THEN target ELSE substr(target, length(kind) + 2) END, kind, first_run, last_run
        FROM (
            SELECT j.value AS target,
                   CASE WHEN instr(j.value, ':') > 1 AND substr(j.value, 1, instr(j.value, ':') - 1) IN ('takeout', 'lightroom', 'apple-photos')
                        THEN substr(j.value, 1, instr(j.value, ':') - 1) ELSE 'folder' END AS kind,
                   min(r.started_at) AS first_run, max(r.finished_at) AS last_run
            FROM runs r, json_each(r.roots) j
            GROUP BY j.value
        )
        ORDER BY first_run;
        """,
        """
        -- The colour label a photo library gives a location (Lightroom's, Capture One's), by name in lower case ("red"):
        -- what label: filters by.
        ALTER TABLE location_facts ADD COLUMN label TEXT;
        """,
        """
        -- People found in photos. A person is a group of faces with an id that never changes; its name is the user's
        -- (name_source 'user') or one carried over from a photo library's people where their photos overlap ('import'),
        -- which the user's always replaces. cover_face: the face the user chose to show; null: the clearest one.
        CREATE TABLE people (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            name         TEXT,
            name_source  TEXT,
            cover_face   INTEGER,
            created_at   INTEGER NOT NULL           -- unix milliseconds
        );

        -- Faces found in a photo: the box and 6 keypoints in 0..1 of the photo as displayed (after EXIF orientation),
        -- the detector's score, the descriptor (float32, little-endian) and the models that made them. decision is the
        -- user's word, which indexing never overrides: 'person' (the user put it in person_id), 'none' (in no person)
        -- or 'not-face'. A face the user decided on stays even when a later detection misses it.
        CREATE TABLE faces (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            x           REAL    NOT NULL,
            y           REAL    NOT NULL,
            w           REAL    NOT NULL,
            h           REAL    NOT NULL,
            keypoints   TEXT    NOT NULL,           -- JSON: [x1, y1, ..., x6, y6]
            score       REAL    NOT NULL,
            descriptor  BLOB,
            model       TEXT    NOT NULL,
            person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
            decision    TEXT CHECK (decision IN ('person', 'none', 'not-face'))
        );
        CREATE INDEX faces_photo ON faces(photo_id);
        CREATE INDEX faces_person ON faces(person_id);

        -- Pairs of people the user keeps apart (person_a < person_b): grouping never merges them.
        CREATE TABLE people_apart (
            person_a    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            person_b    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            decided_at  INTEGER NOT NULL,
            PRIMARY KEY (person_a, person_b)
        ) WITHOUT ROWID;
        """,
    ];
}
