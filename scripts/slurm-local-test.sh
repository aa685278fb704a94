#!/usr/bin/env bash
# Issue 20: a real single-node SLURM cluster on this machine. Installs munge
# and slurm-wlm (Debian's packages), starts munged, slurmctld and slurmd for
# NodeName=localhost CPUs=2 from a slurm.conf in a temporary folder (SLURM_CONF,
# so /etc/slurm is not touched), submits an example study with
# `memstudio-cli study submit --slurm`, waits for the merge job, compares the
# merged study.csv with a local run byte for byte, and stops the daemons.
#   sudo scripts/slurm-local-test.sh      (or as root; needs no stdin)
# Environment:
#   MS_BUILD_DIR   build folder holding bin/memstudio-cli (default build; built if missing)
#   MS_SLURM_TIMEOUT  seconds to wait for the jobs (default 300)
# The installed packages stay; daemons and their state are removed on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

MS_PACKAGES=(munge slurm-wlm)
build_dir="${MS_BUILD_DIR:-$MS_ROOT/build}"
timeout="${MS_SLURM_TIMEOUT:-300}"
project="$MS_ROOT/projects/study-read-margin-size-bias-wire.json"
study=size_bias_wire
started=$(date +%s)

[ "$(id -u)" -eq 0 ] || ms_die "starts slurmctld, slurmd and munged: run as root (sudo)"
ms_install_missing

cli="$build_dir/bin/memstudio-cli"
if [ ! -x "$cli" ]; then
  ms_configure "$build_dir" Release
  ms_build "$build_dir" memstudio-cli
fi

work="$(mktemp -d /tmp/ms-slurm.XXXXXX)"
chmod 755 "$work"
munge_pid=""
teardown() {
  local rc=$?
  for f in "$work/slurmd.pid" "$work/slurmctld.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  [ -n "$munge_pid" ] && kill "$munge_pid" 2>/dev/null || true
  sleep 1
  if [ "$rc" -ne 0 ]; then
    ms_say "failed; the daemons' logs:"
    tail -n 30 "$work"/slurmctld.log "$work"/slurmd.log "$work"/out/slurm/logs/* 2>/dev/null >&2 || true
  fi
  rm -rf "$work"
  ms_say "cluster stopped ($(( $(date +%s) - started )) s in all)"
  exit "$rc"
}
trap teardown EXIT

# munge: the key Debian's package created, or a new one; our own munged
# unless one already answers (a machine that runs it as a service).
if ! munge -n </dev/null >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  # munged runs as user munge, so its pid file lives in its own /run/munge.
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  munge_pid="$(cat /run/munge/munged.pid)"
  munge -n </dev/null | unmunge >/dev/null || ms_die "munge does not work"
fi

mkdir -p "$work/ctld" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=memstudio
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=localhost CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF" -N localhost
ms_say "waiting for the node to come up"
for _ in $(seq 60); do
  state="$(sinfo -h -n localhost -o %T 2>/dev/null || true)"
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || ms_die "node localhost is '$state', not idle"

out="$work/out"
ms_say "submitting $study as a job array"
"$cli" study submit "$project" --study "$study" --out "$out" --slurm --partition debug --time 00:10:00 \
  --cpus 1 --shards 3 | tee "$work/submit.txt"
merge_job="$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$work/submit.txt")"
[ -n "$merge_job" ] || ms_die "no merge job id in the submit output"

ms_say "waiting for merge job $merge_job"
for _ in $(seq "$timeout"); do
  job_state="$(scontrol show job "$merge_job" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
  case "$job_state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
  sleep 1
done
[ "$job_state" = COMPLETED ] || ms_die "merge job $merge_job ended as '${job_state:-unknown}'"

ms_say "comparing with a local run"
"$cli" study "$project" --study "$study" --out "$work/local" -j 2 >/dev/null
cmp "$out/study.csv" "$work/local/study.csv" || ms_die "the cluster's study.csv differs from the local run's"
ms_say "SLURM study ok: $(( $(wc -l <"$out/study.csv") - 1 )) points, merged table equals the local run"
