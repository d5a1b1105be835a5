# Sourced by the shell tests: counts checks and reports them.
#   check NAME COMMAND...   runs COMMAND; a failure prints "FAIL: NAME"
#   finish SUITE            prints the counts; the status is 0 when none failed
pass=0; fail=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $name"; fi
}
finish() {
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
