#!/usr/bin/env bash
# Debian packages the portal needs beyond Python: WeasyPrint's Pango, a CJK font for PDFs, PostgreSQL,
# Chromium for browser tests, poppler for looking at PDFs, faketime for the clock tier, gettext for
# compiling the admin's Chinese catalogue (make messages). Installs only what is missing.
set -euo pipefail
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei poppler-utils postgresql chromium chromium-driver wrk openjdk-17-jdk-headless maven faketime gettext)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
