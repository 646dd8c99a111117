/**
 * A consumer's pact (v3) that expects a field the contract lacks (`nextRun`): `pact check-spec`
 * calls it incompatible. `description` names its one interaction.
 */
export function driftPact(description = 'a task with a field the spec lacks') {
  return {
    consumer: { name: 'Drifter' },
    provider: { name: 'ArcGISEnterpriseAdmin' },
    metadata: { pactSpecification: { version: '3.0.0' } },
    interactions: [
      {
        description,
        request: {
          method: 'GET',
          path: '/arcgis/admin/system/tasks/5f0cdc50cf36460990bb6edfe9b60e08',
          query: { f: ['json'] },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: { taskId: '5f0cdc50cf36460990bb6edfe9b60e08', taskType: 'CreateBackup', nextRun: 1 },
        },
      },
    ],
  };
}
