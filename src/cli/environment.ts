/** Environment variables that keep secrets out of shell history (flags win over them). */
export const ENV = {
  token: 'TASKS_CONTRACT_TOKEN',
  username: 'TASKS_CONTRACT_USERNAME',
  password: 'TASKS_CONTRACT_PASSWORD',
} as const;
