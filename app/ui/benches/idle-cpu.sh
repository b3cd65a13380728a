#!/usr/bin/env bash
# Idle CPU over 10 s and RSS of the real tor-messenger window under Xvfb (Mesa software
# rendering; glow, the only renderer built). Printed; no assertion.
# Usage: app/ui/benches/idle-cpu.sh path/to/release/tor-messenger
set -euo pipefail
binary="${1:?usage: idle-cpu.sh path/to/tor-messenger}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
mkdir -p "$work/Data"
printf '[settings]\nfirst_run_done = true\n' > "$work/Data/settings.toml"
hz=$(getconf CLK_TCK)

measure() {
    local renderer="$1" extra="$2"
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        # Control port 9 is closed: the window shows "tor not running" and stays idle.
        "$0" --profile "$1" --control 127.0.0.1:9 $4 2>/dev/null &
        pid=$!
        sleep 5
        rss_start=$(awk "/VmRSS/ {print \$2}" /proc/$pid/status)
        read -r -a before < /proc/$pid/stat
        sleep 10
        read -r -a after < /proc/$pid/stat
        rss_idle=$(awk "/VmRSS/ {print \$2}" /proc/$pid/status)
        threads=$(ls /proc/$pid/task | wc -l)
        ticks=$(( (${after[13]} + ${after[14]}) - (${before[13]} + ${before[14]}) ))
        kill "$pid"; wait "$pid" 2>/dev/null || true
        echo "$2 $4: RSS after start ${rss_start} KiB, after 10 s idle ${rss_idle} KiB, threads ${threads}, CPU over 10 s: ${ticks} ticks of 1/$3 s = $(awk "BEGIN {printf \"%.2f\", $ticks / $3 / 10 * 100}") %"
    ' "$binary" "$work/Data" "$renderer" "$hz" "$extra"
}

measure glow ""
measure glow "--showcase room"
