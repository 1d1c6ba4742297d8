#!/usr/bin/env bash
# Runs the platform on the embedded SQLite database (data/baliprocess.db), importing ../shared/seeds on first start.
# Usage: ./run.sh [--urls http://localhost:5080]
set -euo pipefail
cd "$(dirname "$0")"
URLS="http://localhost:5080"
if [[ "${1:-}" == "--urls" && -n "${2:-}" ]]; then URLS="$2"; fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is needed (dotnet on PATH)." >&2
  exit 1
fi

# PDF progress reports are printed by Debian's Chromium: install it (and the fonts) when missing, as ./test.sh does.
# Without root or apt the platform still runs and answers PDF requests with a clear 503.
source tools/prerequisites.sh
mapfile -t missing < <(missing_pdf_prerequisites)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    echo "Installing what PDF output needs: ${missing[*]}"
    apt_install "${missing[@]}" || echo "Could not install ${missing[*]}: the platform runs, PDF reports answer 503 until Chromium is installed." >&2
  else
    echo "No apt-get here: install Chromium for PDF reports (they answer 503 without it)." >&2
  fi
fi

echo "Building…"
dotnet build BaliProcess.slnx -c Debug -v quiet -nologo
cat <<BANNER

  Bali Process Cooperation Platform
  Open ${URLS} in a browser.

  Sign in: on a new installation the platform prints a one-time set-up link below
  ("create the first administrator at …"). Open it, create the administrator, then
  set up two-factor sign-in with an authenticator app. Or create one from a shell:
      ./bp admin create --email you@example.org --name "Your Name" --password-stdin
  Stop with Ctrl+C.

BANNER
# The platform's defaults are relative to its content root (src/BaliProcess.Host here, the published folder in a
# deployment); a checkout keeps its database and index in the repository's data/ and imports ../shared/seeds.
export Database__DataPath="${Database__DataPath:-$PWD/data}"
export Library__SeedsPath="${Library__SeedsPath:-$(cd .. && pwd)/shared/seeds}"
exec dotnet run --no-build --no-launch-profile --project src/BaliProcess.Host -- --urls "$URLS" --environment Development
