/* Peer meter for MixEngine's loudness tests: feeds raw interleaved float64 samples to libebur128 (Debian
   libebur128-dev) in 10 ms chunks and prints on one line: integrated loudness, loudness range computed the EBU
   Tech 3342 way from libebur128's short-term readings taken at 10 Hz (libebur128's own LRA samples them at 1 Hz),
   max momentary, max short-term, libebur128's own LRA, and the true peak (dBTP) of each channel.
   usage: ebur128_measure RATE CHANNELS FILE TYPE... (TYPE = libebur128 channel enum value per channel) */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* EBU Tech 3342: absolute gate -70 LUFS, relative gate -20 LU below the power mean, P95 - P10 by nearest rank. */
static double tech3342_lra(double *s, size_t n) {
  size_t k = 0;
  double power = 0;
  for (size_t i = 0; i < n; i++) if (s[i] >= -70) { s[k++] = s[i]; power += pow(10, s[i] / 10); }
  if (k == 0) return 0;
  double gate = 10 * log10(power / k) - 20;
  size_t m = 0;
  for (size_t i = 0; i < k; i++) if (s[i] >= gate) s[m++] = s[i];
  if (m == 0) return 0;
  qsort(s, m, sizeof(double), cmp);
  size_t lo = (size_t)floor((m - 1) * 0.10 + 1 + 0.5) - 1, hi = (size_t)floor((m - 1) * 0.95 + 1 + 0.5) - 1;
  return s[hi] - s[lo];
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  unsigned long rate = strtoul(argv[1], 0, 10);
  unsigned int channels = (unsigned int)strtoul(argv[2], 0, 10);
  if ((unsigned int)argc != 4 + channels) return 2;
  FILE *in = fopen(argv[3], "rb");
  if (!in) return 3;
  ebur128_state *st = ebur128_init(channels, rate,
      EBUR128_MODE_M | EBUR128_MODE_S | EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_SAMPLE_PEAK | EBUR128_MODE_TRUE_PEAK);
  for (unsigned int c = 0; c < channels; c++) ebur128_set_channel(st, c, atoi(argv[4 + c]));
  size_t chunk = rate / 100;
  double *buf = malloc(sizeof(double) * chunk * channels);
  double maxM = -HUGE_VAL, maxS = -HUGE_VAL, v;
  size_t got, chunks = 0, count = 0, capacity = 1024;
  double *shortTerm = malloc(sizeof(double) * capacity);
  while ((got = fread(buf, sizeof(double) * channels, chunk, in)) > 0) {
    ebur128_add_frames_double(st, buf, got);
    chunks++;
    if (ebur128_loudness_momentary(st, &v) == EBUR128_SUCCESS && v > maxM) maxM = v;
    if (ebur128_loudness_shortterm(st, &v) == EBUR128_SUCCESS && v > maxS) maxS = v;
    if (got == chunk && chunks >= 300 && chunks % 10 == 0) {
      if (count == capacity) shortTerm = realloc(shortTerm, sizeof(double) * (capacity *= 2));
      shortTerm[count++] = v;
    }
  }
  double I, lra;
  ebur128_loudness_global(st, &I);
  ebur128_loudness_range(st, &lra);
  printf("%.6f %.6f %.6f %.6f %.6f", I, tech3342_lra(shortTerm, count), maxM, maxS, lra);
  free(shortTerm);
  for (unsigned int c = 0; c < channels; c++) {
    double tp;
    ebur128_true_peak(st, c, &tp);
    printf(" %.6f", tp > 0 ? 20 * log10(tp) : -HUGE_VAL);
  }
  printf("\n");
  ebur128_destroy(&st);
  free(buf);
  fclose(in);
  return 0;
}
