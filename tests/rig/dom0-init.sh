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

# The domain is created paused and unpaused only once xenconsoled has
# connected to its console (it wrote console/tty): xenconsoled reads a
# ring only when notified, and Debian's PV shim, whose boot log is larger
# than the ring, waits for room by yielding without notifying, so a shim
# that filled the ring before xenconsoled bound its channel would wait
# for ever.  (Not the stock setup's silent start, which was the shim's
# early command-line parse: docs/domu.md.)
release() {	# release DOMID: wait for xenconsoled, unpause
	i=0
	# libxl makes the node; xenconsoled fills it once it has the pty.
	while [ $i -lt 100 ] && [ -z "$(xenstore-read "/local/domain/$1/console/tty" 2>/dev/null)" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -ge 100 ] && say "xenconsoled did not connect to domain $1 in 10 s; unpausing anyway"
	xl unpause "$1" || say "xl unpause $1 failed"
	say "released domain $1 (xenconsoled connected after $((i * 100)) ms)"
}
# The newest domain of the guest's name that is paused and not yet
# released, or nothing.
paused_domain() {
	id=$(xl domid "$DOMU_NAME" 2>/dev/null) || return 1
	[ -n "$id" ] && ! grep -qx "$id" /run/released 2>/dev/null &&
		xl list "$id" 2>/dev/null | awk 'NR==2 && $5 ~ /p/ { ok=1 } END { exit !ok }' &&
		echo "$id"
}
: >/run/released
guest_seen() { grep -c -- "$1" "$LOG" 2>/dev/null; }
BANNER="vmi-xen: PV boot image: domU"
wait_guest() {	# wait_guest TEXT [N]: the guest printed TEXT N times
	n=${2:-1}
	while [ "$(guest_seen "$1")" -lt "$n" ]; do
		[ -e /run/xl.done ] && return 1
		sleep 0.2
	done
}

# What the runner's lifecycle scenario does to the running domain
# (DOMU_ACTION; none by default), once the guest printed DOMU_AT.
act() {
	[ -n "$DOMU_ACTION" ] || return 0
	wait_guest "${DOMU_AT:-PASS }" || { say "lifecycle: $DOMU_ACTION: the guest ended before it printed \"${DOMU_AT:-PASS }\""; return 0; }
	case $DOMU_ACTION in
	pause)
		xl pause "$DOMU_NAME"; rc=$?
		sleep 1		# what was in flight reaches the log
		before=$(wc -l <"$LOG")
		sleep 4
		state=$(xl list "$DOMU_NAME" | awk 'NR==2 { print $5 }')
		after=$(wc -l <"$LOG")
		xl unpause "$DOMU_NAME"
		say "lifecycle: pause: xl pause exit $rc, state $state, guest lines $before -> $after in 4 s paused; xl unpause exit $?" ;;
	destroy)
		xl destroy "$DOMU_NAME"
		say "lifecycle: destroy: xl destroy exit $?" ;;
	shutdown|reboot)
		a0=$(cut -d' ' -f1 /proc/uptime)
		if [ $DOMU_ACTION = shutdown ]; then
			timeout "${DOMU_GRACE:-30}" xl shutdown -w "$DOMU_NAME"
		else
			timeout "${DOMU_GRACE:-30}" xl reboot "$DOMU_NAME"
		fi
		rc=$?
		a1=$(cut -d' ' -f1 /proc/uptime)
		say "lifecycle: $DOMU_ACTION: xl $DOMU_ACTION exit $rc after $(awk "BEGIN { printf \"%.1f\", $a1 - $a0 }") s"
		if [ $DOMU_ACTION = shutdown ] && xl domid "$DOMU_NAME" >/dev/null 2>&1; then
			say "lifecycle: shutdown: the domain ignored it; xl destroy"
			xl destroy "$DOMU_NAME"
		elif [ $DOMU_ACTION = reboot ]; then
			# The second boot reaches the same point, then goes.
			if wait_guest "$BANNER" 2 &&
			   wait_guest "${DOMU_AT:-PASS }" $(( $(guest_seen "${DOMU_AT:-PASS }") + 1 )); then
				say "lifecycle: reboot: the second boot printed \"${DOMU_AT:-PASS }\"; xl destroy"
				xl destroy "$DOMU_NAME"
			fi
		fi ;;
	input)
		id=$(xl domid "$DOMU_NAME")
		tty=""
		i=0
		while [ -z "$tty" ] && [ $i -lt 50 ]; do
			tty=$(xenstore-read "/local/domain/$id/console/tty" 2>/dev/null)
			[ -n "$tty" ] || sleep 0.2
			i=$((i + 1))
		done
		say "lifecycle: input: writing into \"$tty\" (console/tty of domain $id)"
		timeout 10 sh -c 'printf "%s\r" "$1" >"$2"' sh "$DOMU_INPUT" "$tty"
		say "lifecycle: input: wrote ${#DOMU_INPUT} bytes and a CR into $tty (xenconsoled's side of domain $id's console): exit $?" ;;
	burn)
		# Default weights: while both want the one CPU, each gets
		# about half of it.
		say "lifecycle: burn: a CPU-burning loop in dom0 from now on"
		while :; do :; done ;;
	*)
		say "lifecycle: unknown action $DOMU_ACTION" ;;
	esac
}

t0=$(cut -d' ' -f1 /proc/uptime)
rm -f /run/xl.done
( xl create -p -F /vmi/domu.cfg >/run/xl.log 2>&1; touch /run/xl.done ) &
xlpid=$!
# Release the first boot.  xl starts a restarted domain unpaused (-p
# holds for the first boot only), so a boot beyond DOMU_BOOTS is seen by
# its banner and destroyed.
(
	known=""
	while [ ! -e /run/xl.done ]; do
		if [ "$(guest_seen "$BANNER")" -gt "${DOMU_BOOTS:-1}" ]; then
			# Until it is gone: while xl restarts it, the name
			# may not resolve.
			[ -e /run/extra-boot ] ||
				say "boot $(guest_seen "$BANNER") not wanted: xl destroy"
			touch /run/extra-boot
			xl destroy "$DOMU_NAME" 2>/dev/null || sleep 0.3
			continue
		fi
		[ -s /run/released ] && { sleep 0.3; continue; }
		# xenstore-list is cheap; xl only when a new domain appeared.
		ids=$(xenstore-list /local/domain 2>/dev/null | tr '\n' ' ')
		[ "$ids" = "$known" ] && { sleep 0.3; continue; }
		id=$(paused_domain) || { sleep 0.2; continue; }
		known=$ids
		echo "$id" >>/run/released
		release "$id"
	done
) &
releaser=$!
# A domain that does not end in time is destroyed (xl -F then exits).
(
	sleep "$DOMU_TIMEOUT"
	touch /run/timed-out
	# What Xen saw of it, before it goes.
	{ xl list; xl debug-keys v; xl dmesg | tail -n 60; } 2>&1 |
		while IFS= read -r line; do echo "dom0: at timeout: $line"; done
	xl destroy "$DOMU_NAME" >/dev/null 2>&1
	sleep 2
	kill $xlpid 2>/dev/null
) &
watchdog=$!
act &
action=$!
wait $xlpid 2>/dev/null
kill $watchdog 2>/dev/null
sleep 0.5
kill $releaser $action 2>/dev/null
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

code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' /run/xl.log | tail -n 1)
grep -q "has been destroyed" /run/xl.log && code=destroyed
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
	destroyed) what=destroyed ;;
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
