# Sourced by test.sh: installs Debian's Chromium when missing (the browser tests in tests/Kuajing.Web.Tests/Browser
# drive /usr/bin/chromium through Microsoft.Playwright; Playwright's own browser download is neither needed nor
# possible here), with a CJK font (WenQuanYi Zen Hei) so the Chinese pages' screenshots show characters, and exports
# KUAJING_CHROMIUM with its path.
if ! [ -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  echo "chromium.sh: installing Chromium and a CJK font from Debian packages"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  fi
fi
export KUAJING_CHROMIUM=/usr/bin/chromium
echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing')"
