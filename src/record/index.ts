// Recording a real site into a fixture directory the mock serves, redacted as it is captured.
export {
  CaptureRedaction,
  type CaptureRedactionOptions,
  type Deployment,
  deploymentOf,
  PLACEHOLDER_DEPLOYMENT,
} from './capture-redaction.js';
export { type CrawlOptions, type CrawlProgress, type CrawlResult, crawlSite, documentOf } from './crawl.js';
export { type HarCreator, harEntry, harLog, rewriteStrings } from './har.js';
export { DEFAULT_ID_KEY, Pseudonyms } from './pseudonyms.js';
export {
  RECORDING_GENERATOR,
  RecordError,
  type RecordOptions,
  type RecordOutcome,
  record,
  TRAFFIC_FILE,
} from './record.js';
