#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/bench/deps.sh - installs what make bench needs beyond
# tests/rig/deps.sh: gnuplot (no X) for docs/performance.svg.  Skips what
# is present, through tests/rig/deps.sh.
#
# Never: install anything the benchmark does not use.
set -e

exec "$(dirname "$0")/../rig/deps.sh" gnuplot-nox
