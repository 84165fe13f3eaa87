/** The guard phone's SOS and where it is on its way (see features/guard-phone/sosOutbox.ts). */
export const sosZhCN = {
  sosPhone: {
    hold: '按住 1.5 秒发送求救',
    holding: '继续按住…',
    waiting: '等待网络：求救已保存，有信号后自动发送',
    sent: '求救已发出，等待指挥中心确认…',
    received: '指挥中心已收到求救',
    failed: '求救被拒绝（{{error}}），请立即使用对讲机',
    pressedAt: '按下时间 {{time}}',
    attempts: '已尝试 {{count}} 次',
  },
};
