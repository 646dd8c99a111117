/**
 * A consumer of the tasks API: an operations script that pauses scheduled tasks for a maintenance
 * window and resumes them afterwards. It POSTs forms with the token in the body (as ArcGIS REST JS
 * does) and reads the task back to confirm its state.
 */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire, read the way a consumer app reads it
type Json = Record<string, any>;

export class OpsScriptClient {
  constructor(
    private readonly adminUrl: string,
    private readonly token: string,
  ) {}

  private async post(path: string): Promise<Json> {
    const response = await fetch(`${this.adminUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ f: 'json', token: this.token }).toString(),
    });
    const body = (await response.json()) as Json;
    if (body['error'] || body['status'] === 'error') throw new Error(`ArcGIS error: ${JSON.stringify(body)}`);
    return body;
  }

  async state(taskId: string): Promise<'active' | 'paused'> {
    return (await this.post(`/system/tasks/${taskId}`))['taskState'];
  }

  async pause(taskId: string): Promise<void> {
    if ((await this.post(`/system/tasks/${taskId}/disable`))['status'] !== 'success') throw new Error('disable failed');
  }

  async resume(taskId: string): Promise<void> {
    if ((await this.post(`/system/tasks/${taskId}/enable`))['status'] !== 'success') throw new Error('enable failed');
  }
}
