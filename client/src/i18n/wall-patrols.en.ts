import type { wallPatrolsZhCN } from './wall-patrols.zh-CN';

export const wallPatrolsEn: typeof wallPatrolsZhCN = {
  wallPatrols: {
    heading: 'Patrols',
    inProgress: '{{count}} in progress',
    none: 'No patrol in progress',
    nextRound: 'Next round: {{route}} at {{time}}',
    progress: '{{checked}} of {{total}} points',
    next: 'Next: {{checkpoint}} by {{time}}',
    overdue: '{{minutes}} min overdue',
    missed: 'Missed {{count}}',
    late: 'Late {{count}}',
    flagged: 'Doubtful {{count}}',
    post: '{{post}}',
  },
};
