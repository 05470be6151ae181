#!/usr/bin/env bash
# The console's browser tests drive Debian's headless Chromium through chromedriver. Run by the Maven build before
# them: installs both when missing (apt-get, as root), or says what to install.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing chromium and chromium-driver (Debian packages) for the console's browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver
  exit 0
fi
echo "ensure-chromium: the console's browser tests need 'chromium' and 'chromedriver' on the PATH." >&2
echo "  On Debian or Ubuntu, as root: apt-get install -y chromium chromium-driver" >&2
exit 1
