/** The platform admin's operations pages, served by the API outside the web app. */
const zhCN = {
  'nav.adminQueues': '任务队列',
};

export const opsZhCN = zhCN;

export const opsEn: Record<keyof typeof zhCN, string> = {
  'nav.adminQueues': 'Job queues',
};
