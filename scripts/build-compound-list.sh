#!/usr/bin/env bash
# Builds Models/lexicon/sv-compound-parts.txt: the Swedish word list the compound splitter uses.
#
# Source: Debian's hunspell-sv (/usr/share/hunspell/sv_SE.dic, LibreOffice dictionaries,
# Göran Andersson, LGPL-3). We keep the dictionary entries hunspell itself allows inside compounds
# (affix flag X = COMPOUNDBEGIN, U = COMPOUNDMIDDLE or Y = COMPOUNDEND in sv_SE.aff), lower-case
# letters only, 3–14 characters long (perl counts characters, not bytes); one lemma per line, sorted in the C locale, deduplicated.
# Deterministic: the same sv_SE.dic gives a byte-identical list.
#
# Usage: scripts/build-compound-list.sh [DIC] [OUT]
set -euo pipefail
dic=${1:-/usr/share/hunspell/sv_SE.dic}
out=${2:-Models/lexicon/sv-compound-parts.txt}
if [ ! -r "$dic" ]; then
  echo "build-compound-list: $dic not found; install it with: apt-get install hunspell-sv" >&2
  exit 1
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# Line 1 of a .dic file is the entry count; each entry is `word/FLAGS` or `word`.
tail -n +2 "$dic" \
  | perl -CSD -Mutf8 -ne 'chomp; my ($w, $f) = split m{/}, $_, 2; $f //= "";
      print "$w\n" if $w =~ /^[a-zåäöéü]{3,14}$/ && $f =~ /[XUY]/;' \
  | LC_ALL=C sort -u > "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "build-compound-list: $(wc -l < "$out") words → $out" >&2
