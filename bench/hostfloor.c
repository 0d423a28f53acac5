// Host floor probe for bench/realtime-blocks.sh (a benchmark tool, not product code): what this machine does to a fixed
// workload on the audio thread's schedule. One thread, optionally under SCHED_FIFO and pinned to a CPU, wakes every
// period at absolute deadlines (clock_nanosleep on CLOCK_MONOTONIC, like serve's null device) and runs the same amount
// of work each time; the spread of that work's wall time is the host's (other processes, the hypervisor, interrupts,
// caches emptied between periods), since the work itself never changes.
//
// The work: multiply-adds over a buffer swept in order (MEMORY_KIB, default 2048, continuing where the last period
// stopped), four independent chains per value loaded, so it depends on the core's throughput and on memory and caches as
// a render does, not only on the clock. Calibration first (on the same schedule, about 3 s): the amount of work is
// scaled until its median wall time per period equals TARGET_US (the engine's measured median block time).
//
//   hostfloor PERIOD_US TARGET_US SECONDS [PRIORITY] [CPU] [MEMORY_KIB]      (PRIORITY 0 = ordinary, CPU -1 = not pinned)
//
// Prints one line, read by the script:
//   floor N: p50 A µs, p99 B µs, p99.9 C µs, max D µs of a P µs period; above 30 % E, late F; units U; priority ...; cpu ...
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK 512 // doubles per work unit (4 KiB)

static double *buffer;
static size_t buffer_units, next_unit;
static volatile double sink;

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void work(long units) {
  double a = 1.0, b = 1.0, c = 1.0, d = 1.0;
  for (long u = 0; u < units; u++) {
    const double *x = buffer + next_unit * CHUNK;
    for (int i = 0; i < CHUNK; i += 4) {
      a = a * 0.999999 + x[i];
      b = b * 0.999998 + x[i + 1];
      c = c * 0.999997 + x[i + 2];
      d = d * 0.999996 + x[i + 3];
    }
    if (++next_unit == buffer_units) next_unit = 0;
  }
  sink = a + b + c + d;
}

static int compare(const void *x, const void *y) {
  double p = *(const double *)x, q = *(const double *)y;
  return p < q ? -1 : p > q;
}

// Runs n periods of `units` on the schedule that starts at *due, storing each period's work time (µs) in times.
static void run(long long *due, long long period_ns, long units, int n, double *times) {
  for (int i = 0; i < n; i++) {
    long long t0 = now_ns();
    work(units);
    times[i] = (now_ns() - t0) / 1000.0;
    *due += period_ns;
    long long t = now_ns();
    if (t > *due) *due = t; // late: restart the schedule from now, as the null device does
    struct timespec ts = {.tv_sec = *due / 1000000000LL, .tv_nsec = *due % 1000000000LL};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
  }
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, compare);
  return v[n / 2];
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: hostfloor PERIOD_US TARGET_US SECONDS [PRIORITY] [CPU] [MEMORY_KIB]\n");
    return 2;
  }
  double period_us = atof(argv[1]), target_us = atof(argv[2]), seconds = atof(argv[3]);
  int priority = argc > 4 ? atoi(argv[4]) : 0, cpu = argc > 5 ? atoi(argv[5]) : -1;
  long memory_kib = argc > 6 ? atol(argv[6]) : 2048;
  if (period_us <= 0 || target_us <= 0 || seconds <= 0 || memory_kib < 4) {
    fprintf(stderr, "hostfloor: PERIOD_US, TARGET_US and SECONDS must be positive, MEMORY_KIB at least 4\n");
    return 2;
  }

  char priority_text[96] = "ordinary scheduling", cpu_text[96] = "not pinned";
  if (priority > 0) {
    struct sched_param sp = {.sched_priority = priority};
    if (sched_setscheduler(0, SCHED_FIFO, &sp) == 0) snprintf(priority_text, sizeof priority_text, "SCHED_FIFO %d", priority);
    else snprintf(priority_text, sizeof priority_text, "SCHED_FIFO %d refused (%s)", priority, strerror(errno));
  }
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) == 0) snprintf(cpu_text, sizeof cpu_text, "CPU %d", cpu);
    else snprintf(cpu_text, sizeof cpu_text, "CPU %d refused (%s)", cpu, strerror(errno));
  }

  buffer_units = (size_t)memory_kib * 1024 / (CHUNK * sizeof(double));
  buffer = malloc(buffer_units * CHUNK * sizeof(double));
  for (size_t i = 0; i < buffer_units * CHUNK; i++) buffer[i] = (double)(i % 97) * 1e-6; // touched: no page faults later
  long long period_ns = (long long)(period_us * 1000);
  int n = (int)(seconds * 1e6 / period_us);
  int calibration = (int)(0.5e6 / period_us); // half a second per step
  double *times = malloc(sizeof(double) * (n > calibration ? n : calibration));

  // Calibration: a first guess from one timed burst, then six half-second steps on the schedule, each scaling the units
  // by target / median (the median of the last step is what the run starts from).
  long long t0 = now_ns();
  work(64);
  double per_unit_us = (now_ns() - t0) / 1000.0 / 64;
  long units = (long)(target_us / per_unit_us) + 1;
  long long due = now_ns();
  for (int step = 0; step < 6; step++) {
    run(&due, period_ns, units, calibration, times);
    double m = median(times, calibration);
    units = (long)(units * target_us / m + 0.5);
    if (units < 1) units = 1;
  }

  run(&due, period_ns, units, n, times);
  int above30 = 0, late = 0;
  for (int i = 0; i < n; i++) {
    if (times[i] > 0.3 * period_us) above30++;
    if (times[i] > period_us) late++;
  }
  qsort(times, n, sizeof *times, compare);
  printf("floor %d: p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs, max %.0f µs of a %.0f µs period; above 30 %% %d, late %d; "
         "units %ld (target %.0f µs, %ld KiB swept); %s; %s\n",
         n, times[n / 2], times[(int)(n * 0.99)], times[(int)(n * 0.999)], times[n - 1], period_us, above30, late, units,
         target_us, memory_kib, priority_text, cpu_text);
  return 0;
}
