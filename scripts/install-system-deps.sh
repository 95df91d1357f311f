#!/usr/bin/env bash
# Installs the Debian packages the toolkit needs at run time and in tests: the OFL CJK fonts
# (Noto Serif/Sans CJK SC, LXGW WenKai), poppler-utils (pdftoppm, pdffonts for page checks) and
# Ghostscript (tests make CMYK photos with it).
# Does nothing when everything is already there.
set -euo pipefail
need=()
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc ] || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ] || need+=(fonts-lxgw-wenkai)
# the fallback faces of fonts/fonts.yaml (fallback-chains): symbols, CJK Extensions B-G, emoji
[ -f /usr/share/fonts/truetype/noto/NotoSansMath-Regular.ttf ] || need+=(fonts-noto-core)
[ -f /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf ] || need+=(fonts-babelstone-han)
[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || need+=(fonts-hanazono)
[ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || need+=(fonts-symbola)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)  # tests make CMYK JPEGs with it
# press profiles (layout/color/profiles.py): FOGRA39 characterisation data, and ArgyllCMS's colprof
# that builds the ICC profile from it (`make profiles`)
[ -f /usr/share/color/icc/FOGRA39L.ti3 ] || need+=(icc-profiles-free)
command -v colprof >/dev/null 2>&1 || need+=(argyll)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the build report's browser test
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing Debian packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
