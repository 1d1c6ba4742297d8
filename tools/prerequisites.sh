# Shared by run.sh and test.sh: installs Debian packages when missing. Source it; it defines functions only.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2
    return 1
  fi
}

apt_updated=0
apt_install() {
  if [ $apt_updated -eq 0 ]; then
    as_root apt-get update -qq || return 1
    apt_updated=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@"
}

# What PDF output needs: Debian's Chromium and fonts for the scripts of the members' languages (Thai, among others).
missing_pdf_prerequisites() {
  [ -x /usr/bin/chromium ] || echo chromium
  dpkg -s fonts-noto-core >/dev/null 2>&1 || echo fonts-noto-core
  dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || echo fonts-thai-tlwg
}
