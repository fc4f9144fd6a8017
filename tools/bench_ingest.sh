#!/bin/sh
# Benchmark of `tidings ingest` against `tidings extract` on the same
# generated corpus (tools/bench_extract.sh builds it from samples/): the
# time of each, and ingest's throughput as a share of extract's. Each is
# run RUNS times (default 3) and the fastest run counts.
#
#   tools/bench_ingest.sh [MEGABYTES] [RUNS]     (default 12, 3)
#
# The ingest goes into a fresh database each run, in a temporary folder.
set -eu
cd "$(dirname "$0")/.."
mb="${1:-12}"
runs="${2:-3}"
bin=target/release/tidings
[ -x "$bin" ] || cargo build --release -p tidings
tools/bench_extract.sh "$mb" > /dev/null
corpus="${TMPDIR:-/tmp}/tidings-bench-corpus.jsonl"
db="${TMPDIR:-/tmp}/tidings-bench-ingest.db"
best() { sort -n | head -1; }
timed() {
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$end"
}
ext=$(for i in $(seq "$runs"); do timed "$bin" extract --format jsonl "$corpus"; done | best)
ing=$(for i in $(seq "$runs"); do
  rm -f "$db" "$db-wal" "$db-shm"
  timed "$bin" ingest --db "$db" "$corpus"
done | best)
rm -f "$db" "$db-wal" "$db-shm"
/usr/bin/time -f "%M" -o "$db.rss" "$bin" ingest --db "$db" "$corpus" 2> /dev/null
"$bin" events --db "$db" --format jsonl | wc -l > "$db.count"
python3 - "$ext" "$ing" "$(cat "$db.rss")" "$(cat "$db.count")" "$(wc -c < "$corpus")" <<'PY'
import sys
ext, ing, rss, canon, size = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("corpus: %.1f MB" % (size / 1e6))
print("extract: %.2f s" % ext)
print("ingest:  %.2f s into a new database (%d canonical events), peak RSS %.0f MB" % (ing, canon, rss / 1024))
print("ingest throughput / extract throughput: %.2f" % (ext / ing))
PY
rm -f "$db" "$db-wal" "$db-shm" "$db.rss" "$db.count"
