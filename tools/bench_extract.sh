#!/bin/sh
# Benchmark of the whole `tidings extract` job (reading, segmentation,
# tagging and parsing of candidate sentences, events, JSON output) on a
# generated corpus of at least 10 MB built from the articles in samples/.
#
#   tools/bench_extract.sh [MEGABYTES]     (default 12)
#
# Prints words per second (whitespace-separated words of the input) and the
# peak resident memory. Runs on one thread; build first with
# `cargo build --release -p tidings`.
set -eu
cd "$(dirname "$0")/.."
mb="${1:-12}"
bin=target/release/tidings
[ -x "$bin" ] || cargo build --release -p tidings
corpus="${TMPDIR:-/tmp}/tidings-bench-corpus.jsonl"
python3 - "$mb" "$corpus" <<'PY'
import glob, json, random, sys
mb, out = int(sys.argv[1]), sys.argv[2]
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("samples/*.txt"))]
paras = [p for t in texts for p in t.split("\n\n") if p.strip()]
rng = random.Random(7)
size, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < mb * 1_000_000:
        k = rng.randint(3, min(12, len(paras)))
        text = "\n\n".join(rng.sample(paras, k))
        line = json.dumps({"id": "b%d" % n, "text": text, "published": "2024-11-%02d" % (1 + n % 28)})
        f.write(line + "\n")
        size += len(line) + 1
        n += 1
PY
words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$corpus")
bytes=$(wc -c < "$corpus")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "${corpus}.rss" "$bin" extract --format jsonl "$corpus" > /dev/null
end=$(date +%s.%N)
python3 - "$words" "$bytes" "$start" "$end" "$(cat "${corpus}.rss")" <<'PY'
import sys
words, size, start, end, rss = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
secs = end - start
print("corpus: %.1f MB, %d words" % (size / 1e6, words))
print("extract: %.2f s, %.0f words/s, peak RSS %.0f MB" % (secs, words / secs, rss / 1024))
PY
