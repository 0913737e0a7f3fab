#!/usr/bin/env bash
# Reproducible-build check: the published jars (classes, sources, test fixtures, and the CLI's shaded
# missive.jar) must come out byte for byte the same from another build in another directory.
#
#   .ci/reproducible.sh              two clean builds of its own, in two temporary directories
#   .ci/reproducible.sh --reactor    one build, compared with the jars the running reactor build has
#                                    just written to */target; this is what `./mvnw verify` runs (from
#                                    examples/pom.xml, once every published module is packaged), so the
#                                    check costs one extra compile of the library, not two.
#
# Javadoc jars are left out: the rebuild skips Javadoc (the slowest step) to keep CI short; so is
# the shade plugin's original-*.jar, a left-over of rebuilding without clean, never published. The
# archives get their time stamps from project.build.outputTimestamp in the parent POM.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
modules=(crypto core storage-jdbc transport-http transport-tcp testkit examples)
mode=${1:-}
offline=()
if [ "${2:-}" = "--offline=true" ]; then offline=(-o); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/missive-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Copies the sources (tracked and new files, nothing ignored such as target/) to $1 and packages the
# published modules there, without tests, Javadoc or the other checks.
build() {
  local dir=$1
  mkdir -p "$dir"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$dir" 2>/dev/null || true)
  (cd "$dir" && ./mvnw -B -q "${offline[@]}" -DskipTests -Dmaven.javadoc.skip=true -Dcyclonedx.skip=true \
      -Dinvoker.skip=true -Dmdep.analyze.skip=true -Djapicmp.skip=true -Dmissive.reproducible.skip=true \
      -pl "$(IFS=,; echo "${modules[*]}")" -am package)
}

# The jars to compare, relative to a build root.
jars() {
  local dir=$1 m
  for m in "${modules[@]}"; do
    (cd "$dir" && ls "$m"/target/*.jar) | grep -v -e '-javadoc\.jar$' -e '/original-[^/]*\.jar$'
  done
}

case "$mode" in
  --reactor) first=$root ;;
  "") first=$work/first; build "$first" ;;
  *) echo "usage: $0 [--reactor [--offline=true|false]]" >&2; exit 2 ;;
esac
second=$work/second
build "$second"

expected=$(jars "$first")
if [ -z "$expected" ]; then
  echo "reproducible: no jars found in $first" >&2
  exit 1
fi
failed=0 count=0
for jar in $expected; do
  count=$((count + 1))
  if [ ! -f "$second/$jar" ]; then
    echo "reproducible: $jar missing from the second build" >&2
    failed=1
  elif ! cmp -s "$first/$jar" "$second/$jar"; then
    echo "reproducible: $jar differs between the two builds" >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  if [ "$mode" = "--reactor" ]; then
    echo "reproducible: (a class left in target/ by an earlier build also differs: run './mvnw -B clean verify')" >&2
  fi
  exit 1
fi
echo "reproducible: $count jars byte-identical across two builds"
