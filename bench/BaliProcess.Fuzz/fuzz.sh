#!/usr/bin/env bash
# Coverage-guided fuzzing of one document parser with afl-fuzz (AFL++) and SharpFuzz.
#   bench/BaliProcess.Fuzz/fuzz.sh <target> [seconds]      (targets: dotnet run --project bench/BaliProcess.Fuzz -- list)
# Publishes the harness, instruments BaliProcess.Documents.dll and PdfPig's assemblies with the sharpfuzz tool, writes
# the seed corpora (FUZZ_TEXT_SEEDS=<dir> adds text files as seeds at run time), runs afl-fuzz niced for the given
# time (default 600 s) and prints the figures from fuzzer_stats. Everything goes under artifacts/ (git-ignored);
# a second run of the same target resumes its findings directory.
set -euo pipefail
target=${1:?usage: fuzz.sh <target> [seconds]}
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
artifacts=$here/artifacts
bin=$artifacts/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }

# FUZZ_REUSE_BIN=1 keeps the instrumented build of an earlier run (several targets one after the other).
if [ "${FUZZ_REUSE_BIN:-0}" != 1 ] || [ ! -f "$bin/.instrumented" ]; then
  rm -rf "$bin"
  dotnet publish "$here/BaliProcess.Fuzz.csproj" -c Release -o "$bin" -v quiet -nologo
  (cd "$root" && dotnet tool restore >/dev/null)
  for dll in "$bin"/BaliProcess.Documents.dll "$bin"/UglyToad.PdfPig*.dll; do
    (cd "$root" && dotnet tool run sharpfuzz "$dll")
  done
  touch "$bin/.instrumented"
fi

rm -rf "$artifacts/seeds"
dotnet "$bin/BaliProcess.Fuzz.dll" seeds "$artifacts/seeds" ${FUZZ_TEXT_SEEDS:+--text "$FUZZ_TEXT_SEEDS"}

dictionaries=/usr/share/doc/afl++-doc/afl/dictionaries
dictionary=()
case "$target" in
  docx-xml) [ -f "$dictionaries/xml.dict" ] && dictionary=(-x "$dictionaries/xml.dict") ;;
  md) [ -f "$dictionaries/markdown.dict" ] && dictionary=(-x "$dictionaries/markdown.dict") ;;
  recognize) [ -f "$dictionaries/html_tags.dict" ] && dictionary=(-x "$dictionaries/html_tags.dict") ;;
  pdf) if [ -f "$dictionaries/pdf.dict.gz" ]; then gunzip -c "$dictionaries/pdf.dict.gz" > "$artifacts/pdf.dict"; dictionary=(-x "$artifacts/pdf.dict"); fi ;;
esac

findings=$artifacts/findings/$target
mkdir -p "$artifacts/findings"
input=(-i "$artifacts/seeds/$target")
[ -f "$findings/default/fuzzer_stats" ] && input=(-i -)

# -t: the extraction budget is 20 s, so only a run past 30 s is a hang. -m none: the .NET runtime reserves far
# more address space than it uses; memory is bounded by the GC heap limit instead (1 GiB: an out-of-memory is a crash).
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
DOTNET_GCHeapHardLimit=0x40000000 \
  nice -n 10 afl-fuzz "${input[@]}" -o "$findings" -t 30000 -m none -V "$seconds" "${dictionary[@]}" \
  -- "$(command -v dotnet)" "$bin/BaliProcess.Fuzz.dll" afl "$target" > "$artifacts/afl-$target.log" 2>&1 || true

stats=$findings/default/fuzzer_stats
[ -f "$stats" ] || { echo "afl-fuzz did not start: see $artifacts/afl-$target.log" >&2; tail -30 "$artifacts/afl-$target.log" >&2; exit 1; }
echo "target $target:"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|stability|saved_crashes|saved_hangs|unique_crashes|unique_hangs) ' "$stats"
