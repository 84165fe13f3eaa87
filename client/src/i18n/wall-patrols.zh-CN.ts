export const wallPatrolsZhCN = {
  wallPatrols: {
    heading: '巡更',
    inProgress: '进行中 {{count}}',
    none: '当前没有进行中的巡更',
    nextRound: '下一轮 {{route}} {{time}}',
    progress: '{{checked}}/{{total}} 点',
    next: '下一点 {{checkpoint}} {{time}}',
    overdue: '已超时 {{minutes}} 分钟',
    missed: '漏检 {{count}}',
    late: '迟到 {{count}}',
    flagged: '存疑 {{count}}',
    post: '{{post}}',
  },
};
