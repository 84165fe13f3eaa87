/** The wall's operating aids (reference language): batch handling, muting the tone, stale data, removed devices. */
export const wallOpsZhCN = {
  wallOps: {
    loadingEditor: '正在加载场地编辑器…',
    place: {
      deviceRemoved: '设备已删除',
      deviceRemovedNamed: '{{name}}（设备已删除）',
      zoneRemoved: '区域已删除',
      zoneRemovedNamed: '{{name}}（区域已删除）',
    },
    stale: {
      asOf: '截至 {{time}}',
      asOfHint: '非实时：地图和报警队列显示的是 {{time}} 时的状态，可能已过时',
      commandsOff: '离线 — 正在重连',
      commandsOffHint: '未连接服务器：连接恢复前无法执行操作',
    },
    batch: {
      check: '选中以批量处理',
      selected: '已选 {{count}} 条',
      acknowledge: '确认 {{count}} 条',
      resolve: '处置 {{count}} 条',
      clear: '取消选择',
      hint: '按住 Shift 点击可连续多选',
      sending: '正在发送 {{count}} 条…',
      done: '已完成 {{count}} 条',
      failed: '{{total}} 条中 {{failed}} 条失败，见标记的报警',
      resolveTitle: '处置 {{count}} 条报警',
    },
    mute: {
      button: '静音提示音',
      choose: '重复提示音静音时长',
      minutes: '{{count}} 分钟',
      badge: '已静音 {{time}}',
      badgeHint: '重复提示音静音至 {{until}}；新的紧急报警仍会响一次。点击取消静音',
      unmute: '取消静音',
    },
  },
} as const;
