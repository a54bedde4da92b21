#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the rig's Linux dom0 (tests/rig/build-dom0.sh puts it in the
# archive): starts Xen's toolstack, creates the domU of /vmi/domu.cfg with
# `xl create -F`, shows its console as it comes, reports how xl saw it end
# and reboots the machine (QEMU's -no-reboot turns that into its exit).
#
# The runner (tests/rig/domu.py) appends /vmi/: domu.cfg, the images it
# names, and run.env (DOMU_NAME, DOMU_TIMEOUT).
#
# Output contract, each a whole line on dom0's console:
#   domU| <line>        a line of the guest's console (xenconsoled's log),
#                       every guest line carries it, so nothing the guest
#                       prints can pass for one of the lines below
#   dom0: xl: <line>    what xl create -F printed
#   dom0: domU ended: <poweroff|reboot|crash|...> (reason code N, T s
#                       after xl create)
#   dom0: at timeout: <line>  xl list and the tail of xl dmesg, then
#   dom0: domU ended: timeout (destroyed after N s)
#   dom0: domU ended: not created (xl create failed)
#   dom0: end           the last line before the reboot
#
# Never: let a guest line out without its prefix, or end without "dom0: end".

/bin/busybox mkdir -p /proc /sys /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/usr/lib/xen-4.17/bin:/bin:/sbin:/usr/bin:/usr/sbin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mkdir -p /run/xen /run/xenstored /run/lock /var/lib/xenstored /var/lib/xen \
	/var/log/xen/console
ln -s /run /var/run
ln -s /run/lock /var/lock

say() { echo "dom0: $*"; }

finish() {
	say "end"
	sync
	reboot -f
	sleep 10
}

for m in $(cat /lib/modules/order); do
	insmod "/lib/modules/$m.ko" || say "insmod $m failed"
done
mount -t xenfs xenfs /proc/xen || say "mounting xenfs failed"

DOMU_NAME=vmi
DOMU_TIMEOUT=150
[ -f /vmi/run.env ] && . /vmi/run.env
LOG=/var/log/xen/console/guest-$DOMU_NAME.log

xenstored --pid-file=/run/xenstored.pid || say "xenstored failed"
xen-init-dom0 >/run/init-dom0.log 2>&1 || { say "xen-init-dom0 failed:"; cat /run/init-dom0.log; }
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest \
	--log-dir=/var/log/xen/console || say "xenconsoled failed"
say "toolstack up ($(cut -d' ' -f1 /proc/uptime) s)"

# The guest's console, line by line as xenconsoled logs it (tail polls
# once a second; what it has not shown yet is shown at the end).
: >/run/shown
: >"$LOG"		# xenconsoled appends to it
sh -c 'echo $$ >/run/tail.pid; exec tail -n +1 -f "$0"' "$LOG" | while IFS= read -r line; do
	echo "domU| $line"
	echo >>/run/shown
done &
reader=$!

t0=$(cut -d' ' -f1 /proc/uptime)
xl create -F /vmi/domu.cfg >/run/xl.log 2>&1 &
xlpid=$!
# A domain that does not end in time is destroyed (xl -F then exits).
(
	sleep "$DOMU_TIMEOUT"
	touch /run/timed-out
	# What Xen saw of it, before it goes.
	{ xl list; xl dmesg | tail -n 15; } 2>&1 |
		while IFS= read -r line; do echo "dom0: at timeout: $line"; done
	xl destroy "$DOMU_NAME" >/dev/null 2>&1
	sleep 2
	kill $xlpid 2>/dev/null
) &
watchdog=$!
wait $xlpid 2>/dev/null
kill $watchdog 2>/dev/null
timed_out=0
[ -e /run/timed-out ] && timed_out=1
t1=$(cut -d' ' -f1 /proc/uptime)
took=$(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }")

# The log is complete once xenconsoled has closed it (the domain is gone):
# wait until it stops growing, stop tail, let the reader finish, then
# show the lines tail had not reached.
size=-1
for i in 1 2 3 4 5 6 7 8 9 10; do
	now=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
	[ "$now" = "$size" ] && break
	size=$now
	sleep 0.2
done
kill "$(cat /run/tail.pid)" 2>/dev/null
wait $reader 2>/dev/null
tail -n +$(( $(wc -l </run/shown) + 1 )) "$LOG" |
	while IFS= read -r line || [ -n "$line" ]; do
		echo "domU| $line"
	done

while IFS= read -r line; do say "xl: $line"; done </run/xl.log

code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' /run/xl.log | head -1)
if [ $timed_out = 1 ]; then
	say "domU ended: timeout (destroyed after $DOMU_TIMEOUT s)"
elif [ -z "$code" ]; then
	if grep -q "Waiting for domain" /run/xl.log; then
		say "domU ended: unknown (xl exited without a shutdown reason)"
	else
		say "domU ended: not created (xl create failed)"
	fi
else
	case $code in
	0) what=poweroff ;;
	1) what=reboot ;;
	2) what=suspend ;;
	3) what=crash ;;
	4) what=watchdog ;;
	5) what=soft_reset ;;
	*) what="reason $code" ;;
	esac
	say "domU ended: $what (reason code $code, $took s after xl create)"
fi
finish
