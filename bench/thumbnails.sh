#!/usr/bin/env bash
# Thumbnail throughput through Gallery's own engines (1024, 512 and 256 per image, q85), in ms per source megapixel,
# on one and two threads, beside Pillow (draft + cascade) and vipsthumbnail (cascade) on the same files in the same
# run (on demand). Ratios are taken within each round, so every variant sees the same machine load.
#   bench/thumbnails.sh [ENGINES] [ROUNDS] [FOLDER]      default: vips,java 3 ../shared/bench/corpus
# needs: libvips42, python3-pil and libvips-tools (the references), the corpus (../shared/bench/make_corpus.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINES="${1:-vips,java}"
ROUNDS="${2:-3}"
FOLDER="${3:-../shared/bench/corpus}"
ls "$FOLDER"/* >/dev/null 2>&1 || { echo "no images in $FOLDER: run ../shared/bench/make_corpus.sh"; exit 1; }
./gallery build >/dev/null
# the JDK the launcher would pick: JAVA_HOME when set, else a JDK 25 in the usual place
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)}"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m -XX:+UseSerialGC \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.gallery.imaging.ThumbnailBenchmark "$FOLDER" --engines "$ENGINES" --threads 1,2 --rounds "$ROUNDS" \
  --reference ../shared/bench
