#!/usr/bin/env bash
# Thumbnails through the service against Pillow (on demand): the batch job (`force`, all three sizes of every image)
# with JOB_WORKERS=1 and 2, and uploads of every photo one and two at a time (each makes its thumbnails, stores the
# original and its rows), beside ../shared/bench/thumbs_pillow.py (draft + cascade) on one and two processes, in
# the same rounds, so all see the same machine load. The job's time is its own started-to-finished span (the
# service is up and its photos uploaded before); the uploads' is the client's wall time; Pillow's is its processing
# loop. Then every large thumbnail is compared with Pillow's 1024 px output of the same photo: colours must agree.
#   bench/thumbnail_job.sh [ROUNDS] [WORKERS...]      default: 3 1 2
# needs: python3-pil, curl; the corpus (../shared/bench/make_corpus.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
shift || true
if [ $# -gt 0 ]; then WORKERS=("$@"); else WORKERS=(1 2); fi
CORPUS=../shared/bench/corpus
ls "$CORPUS"/*.jpg >/dev/null 2>&1 || { echo "no corpus: run ../shared/bench/make_corpus.sh"; exit 1; }
PY=/usr/bin/python3  # the system Python, which python3-pil installs into
$PY -c 'import PIL' 2>/dev/null || { echo "needs python3-pil"; exit 1; }
PORT=18106
DIR="$(mktemp -d)"
PID=
source bench/credentials.sh
./gallery build >/dev/null
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"' EXIT
BASE="http://127.0.0.1:$PORT"
mapfile -t FILES < <(ls -S "$CORPUS"/*)
megapixels=$($PY -c '
import sys
from PIL import Image
print("%.1f" % (sum(Image.open(f).size[0] * Image.open(f).size[1] for f in sys.argv[1:]) / 1e6))' "${FILES[@]}")
echo "corpus: ${#FILES[@]} photos, $megapixels MP; sizes 1024/512/256 q85; load $(cut -d' ' -f1 /proc/loadavg)"

new_photoset() {  # prints the id of a new photoset named $1
  curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "{\"name\": \"$1\"}" "$BASE/api/v2/photosets" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/'
}

upload_seconds() {  # uploads every photo into photoset $2, $1 at a time from one curl, and prints the wall seconds
  local config="$DIR/upload.curl" start answers
  : >"$config"
  for f in "${FILES[@]}"; do
    [ -s "$config" ] && echo next >>"$config"
    printf 'url = "%s/api/v2/images"\nheader = "%s"\nform = "file=@%s"\nform = "photoset_id=%s"\noutput = "/dev/null"\nsilent\nwrite-out = "%%{http_code}\\n"\n' \
      "$BASE" "$AUTH" "$f" "$2" >>"$config"
  done
  start=$(date +%s%N)
  answers=$(curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$1" -K "$config" | sort | uniq -c)
  awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.3f\n", ns / 1e9}'
  [ "$(awk '{print $2}' <<<"$answers")" = 201 ] || { echo "uploads answered: $answers" >&2; exit 1; }
}

job_seconds() {  # starts a forced thumbnail job over photoset $SET and prints its started-to-finished seconds
  local job status
  job=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "{\"force\": true, \"photoset_id\": \"$SET\"}" \
    "$BASE/api/v2/thumbnails/jobs" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  until status=$(curl -sf -H "$AUTH" "$BASE/api/v2/jobs/$job") \
      && grep -Eq '"status":"(succeeded|failed|cancelled)"' <<<"$status"; do sleep 0.1; done
  grep -q '"status":"succeeded"' <<<"$status" || { echo "job $job did not succeed: $status" >&2; exit 1; }
  $PY -c '
import json, sys
from datetime import datetime
job = json.loads(sys.argv[1])
span = datetime.fromisoformat(job["finished_at"].replace("Z", "+00:00")) - datetime.fromisoformat(job["started_at"].replace("Z", "+00:00"))
print("%.3f" % span.total_seconds())' "$status"
}

for workers in "${WORKERS[@]}"; do
  rm -rf "$DIR/data" "$DIR/pillow"
  JOB_WORKERS=$workers STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 ./gallery serve >"$DIR/serve.log" 2>&1 &
  PID=$!
  until curl -sf "$BASE/api/v2/health" >/dev/null; do sleep 0.2; done
  AUTH="Authorization: Bearer $(gallery_token "$BASE")"
  SET=$(new_photoset corpus)
  upload_seconds 2 "$SET" >/dev/null
  job_seconds >/dev/null; job_seconds >/dev/null  # warm-up: the first runs also compile the job's code
  ratios=() upload_ratios=()
  for round in $(seq 1 "$ROUNDS"); do
    gallery=$(job_seconds)
    uploads=$(upload_seconds "$workers" "$(new_photoset "round $round")")
    pillow=$($PY ../shared/bench/thumbs_pillow.py cascade "$workers" "$DIR/pillow" "${FILES[@]}" \
      | sed 's/.*loop_wall_s=//')
    ratio=$(awk -v g="$gallery" -v p="$pillow" 'BEGIN {printf "%.2f", p / g}')
    upload_ratio=$(awk -v g="$uploads" -v p="$pillow" 'BEGIN {printf "%.2f", p / g}')
    ratios+=("$ratio") upload_ratios+=("$upload_ratio")
    printf 'workers %s round %s: job %6.3f s (%5.1f ms/MP)  uploads %6.3f s (%5.1f ms/MP)  pillow %6.3f s (%5.1f ms/MP)  job %s×, uploads %s× pillow  load %s\n' \
      "$workers" "$round" "$gallery" "$(awk -v s="$gallery" -v mp="$megapixels" 'BEGIN {print s * 1000 / mp}')" \
      "$uploads" "$(awk -v s="$uploads" -v mp="$megapixels" 'BEGIN {print s * 1000 / mp}')" \
      "$pillow" "$(awk -v s="$pillow" -v mp="$megapixels" 'BEGIN {print s * 1000 / mp}')" "$ratio" "$upload_ratio" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "workers $workers: median throughput against pillow's: job $(median "${ratios[@]}")×, uploads $(median "${upload_ratios[@]}")×"
  curl -sf -H "$AUTH" "$BASE/api/v2/images?photoset_id=$SET&limit=100" >"$DIR/images.json"
  $PY - "$DIR/images.json" "$DIR/data/thumbnails" "$DIR/pillow" "$CORPUS" <<'PY'
import json, os, sys
from PIL import Image, ImageStat
listing, thumbs, pillow, corpus = sys.argv[1:]
items = json.load(open(listing))
items = items.get("items", items) if isinstance(items, dict) else items
for item in items:
    item["path"] = os.path.join(corpus, item["file_name"])
worst, profiled = (0.0, None), []
for item in items:
    ours = Image.open(os.path.join(thumbs, item["id"], "large.jpg")).convert("RGB")
    source = Image.open(item["path"])
    theirs = Image.open(os.path.join(pillow, os.path.splitext(item["file_name"])[0] + "_1024.jpg")).convert("RGB")
    assert ours.size == theirs.size, (item["file_name"], ours.size, theirs.size)
    gap = max(abs(a - b) for a, b in zip(ImageStat.Stat(ours).mean, ImageStat.Stat(theirs).mean))
    if source.info.get("icc_profile"):
        # Pillow keeps the profile's numbers as they are; Gallery converts them to sRGB when the profile is not sRGB
        profiled.append("%s %.1f" % (item["file_name"], gap))
    else:
        worst = max(worst, (gap, item["file_name"]), key=lambda w: w[0])
print("colours: %d large thumbnails, the same size as Pillow's; largest gap of a channel's mean %.2f levels (%s)"
      % (len(items), worst[0], worst[1]))
print("  with an ICC profile, which Pillow does not apply (gap in levels): " + ", ".join(profiled))
PY
  kill $PID; wait $PID 2>/dev/null || true; PID=
done
