/**
 * Structured run logs: one JSON line per event, written straight to stdout so CloudWatch gets the JSON
 * as it is (Lambda's console prefix would hide it), and CloudWatch embedded-metric-format lines for the numbers.
 */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export function logJson(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level, message, time: new Date().toISOString(), ...fields })}\n`);
}

/** One EMF line: CloudWatch turns each numeric field into a metric in `namespace`, without a PutMetricData call. */
export function emitMetrics(namespace: string, metrics: Record<string, number>, dimensions: Record<string, string> = {}): void {
  const names = Object.keys(metrics);
  process.stdout.write(
    `${JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: namespace, Dimensions: [Object.keys(dimensions)], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) },
        ],
      },
      ...dimensions,
      ...metrics,
    })}\n`,
  );
}
