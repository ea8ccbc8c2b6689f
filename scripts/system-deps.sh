#!/usr/bin/env bash
# Check (and, as root on Debian/Ubuntu, install) the system packages the app needs.
#   scripts/system-deps.sh          what `make run` needs: Pango for WeasyPrint, a CJK font
#   scripts/system-deps.sh --test   also what `make test` needs: Chromium, poppler-utils, NSS tools, npm
set -euo pipefail

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

have_lib 'libpango-1.0.so' || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so' || need+=(libpangoft2-1.0-0)
command -v fc-list >/dev/null && fc-list ':lang=zh' family 2>/dev/null | grep -qi 'Noto Serif CJK' || need+=(fonts-noto-cjk)

if [[ "${1:-}" == "--test" ]]; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  command -v pdfsig >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
  command -v certutil >/dev/null || need+=(libnss3-tools)
  command -v npm >/dev/null || need+=(npm)
fi

if ((${#need[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi

echo "Missing system packages. Install them with:" >&2
echo "  sudo apt-get install ${need[*]}" >&2
exit 1
