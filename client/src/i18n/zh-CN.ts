import { reportsZhCN } from './reports.zh-CN';
import { recordsZhCN } from './records.zh-CN';
import { historyZhCN } from './history.zh-CN';
import { stormZhCN } from './storm.zh-CN';
import { reportZhCN } from './report.zh-CN';
import { drillReportZhCN } from './drill-report.zh-CN';
import { plansZhCN } from './plans.zh-CN';
import { adminUsersZhCN } from './admin-users.zh-CN';
import { consoleZhCN } from './console.zh-CN';
import { guardsZhCN } from './guards.zh-CN';
import { siteEditorZhCN } from './site-editor.zh-CN';
import { sosZhCN } from './sos.zh-CN';
import { patrolZhCN } from './patrol.zh-CN';
import { wallPatrolsZhCN } from './wall-patrols.zh-CN';
import { dispatchPhoneZhCN } from './dispatch-phone.zh-CN';
import { videoZhCN } from './video.zh-CN';
import { phoneSetupZhCN } from './phone-setup.zh-CN';
import { wallOpsZhCN } from './wall-ops.zh-CN';
import { replayZhCN } from './replay.zh-CN';
import { textsZhCN } from './texts.zh-CN';
import { incidentsZhCN } from './incidents.zh-CN';
import { drillsZhCN } from './drills.zh-CN';
/** Simplified Chinese, the reference catalogue: `en.ts` must have exactly these keys. */
export const zhCN = {
  app: {
    name: 'Vigil',
    tagline: '物业秩序部监控中心',
    loading: '正在加载…',
  },
  language: {
    label: '语言',
    switchTo: '切换到 {{language}}',
    names: { 'zh-CN': '中文', en: 'English' },
  },
  login: {
    title: '值班登录',
    subtitle: '请使用您的值班账号登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    errors: {
      invalidCredentials: '用户名或密码错误',
      required: '请输入用户名和密码',
      network: '无法连接服务器，请检查网络后重试',
      tooMany: '登录失败次数过多，请几分钟后再试',
      unknown: '登录失败：{{message}}',
    },
  },
  user: {
    logout: '退出',
  },
  role: {
    admin: '管理员',
    commander: '值班主管',
    operator: '监控员',
    guard: '秩序维护员',
    wall: '大屏',
  },
  connection: {
    live: '实时',
    connecting: '连接中',
    reconnecting: '重新连接中',
    offline: '离线',
    hint: {
      live: '已连接，数据实时更新',
      connecting: '正在连接服务器…',
      reconnecting: '连接中断，正在重连，数据可能不是最新',
      offline: '网络断开，显示的是断开前的数据',
    },
  },
  sound: {
    enable: '点击启用声音',
    enableHint: '浏览器已静音提示音，点击后才能播放报警声',
  },
  wall: {
    loadingSite: '正在加载小区平面图…',
    siteError: '无法加载小区数据：{{message}}',
    noSite: '尚未配置任何小区',
    retry: '重试',
  },
  map: {
    floors: '楼层',
    floorAlarms: '{{count}} 条报警',
    legend: '图例',
    zoomIn: '放大',
    zoomOut: '缩小',
    fitSite: '全览',
    deviceTooltip: '{{kind}} · {{status}}',
  },
  alarms: {
    queueTitle: '报警队列',
    openCount: '未处理 {{count}}',
    newCount: '新报警 {{count}}',
    empty: '当前没有未处理的报警',
    emptyHint: '一切正常',
    repeat: '×{{count}}',
    repeatTitle: '重复 {{count}} 次',
    owner: '处理人：{{name}}',
    unknownSource: '未知来源',
    notOnMap: '无位置',
    otherFloor: '位于{{floor}}',
    recentlyResolved: '最近已处置（{{count}}）',
    resolvedLine: '{{name}} · {{disposition}}',
    actions: {
      acknowledge: '确认',
      hold: '挂起',
      resume: '恢复',
      resolve: '处置',
      retry: '重试',
      dismiss: '关闭',
      pending: '正在发送…',
    },
    errors: {
      timeout: '服务器没有响应（5 秒超时），请重试',
      rejected: '操作失败：{{error}}',
    },
    resolveDialog: {
      title: '处置报警',
      disposition: '处置结果',
      note: '处置说明',
      notePlaceholder: '现场情况、处理经过、通知了谁…',
      confirm: '确认处置',
      cancel: '取消',
    },
  },
  priority: {
    label: 'P{{priority}} {{band}}',
    band: {
      critical: '紧急',
      high: '高',
      medium: '中',
      low: '低',
    },
  },
  alarmKind: {
    intrusion: '周界入侵',
    vibration: '振动报警',
    door_forced: '门被强开',
    door_held: '门长时间未关',
    fire: '火警',
    smoke: '烟感报警',
    heat: '温感报警',
    panic: '紧急按钮',
    sos: '一键求救',
    elevator_entrapment: '电梯困人',
    water_leak: '水浸',
    power_failure: '停电',
    tamper: '防拆报警',
    device_fault: '设备故障',
    device_offline: '设备离线',
    loitering: '可疑徘徊',
    guard_silent: '人员失联',
    restricted_entry: '闯入禁区',
    patrol_missed: '巡更漏检',
    other: '其他报警',
  },
  alarmState: {
    new: '新报警',
    acknowledged: '已确认',
    on_hold: '已挂起',
    resolved: '已处置',
  },
  disposition: {
    confirmed: '确认属实',
    false: '误报',
    duplicate: '重复报警',
    fault: '设备故障',
    drill: '演练',
  },
  deviceKind: {
    camera: '摄像机',
    perimeter_beam: '红外对射',
    vibration_fibre: '振动光纤',
    door: '门禁',
    smoke_detector: '烟感',
    heat_detector: '温感',
    fire_panel: '消防主机',
    call_point: '手动报警按钮',
    elevator: '电梯',
    panic_button: '紧急按钮',
    speaker: '广播',
    checkpoint: '巡更点',
    supplies: '应急物资',
    aed: 'AED',
    water_sensor: '水浸探测器',
    gate_barrier: '道闸',
  },
  deviceStatus: {
    online: '在线',
    offline: '离线',
    fault: '故障',
    alarm: '报警',
    disabled: '已停用',
  },
  zoneKind: {
    perimeter: '周界',
    building: '楼栋',
    garage: '车库',
    public: '公共区域',
    plant_room: '设备房',
    gate: '出入口',
    road: '道路',
    green: '绿化',
    water: '水体',
    restricted: '禁区',
  },
  ...guardsZhCN,
  ...siteEditorZhCN,
  ...consoleZhCN,
  ...adminUsersZhCN,
  ...videoZhCN,
  ...phoneSetupZhCN,
  ...wallOpsZhCN,
  ...replayZhCN,
  ...drillsZhCN,
  ...stormZhCN,
  ...textsZhCN,
  ...sosZhCN,
  ...patrolZhCN,
  ...wallPatrolsZhCN,
  ...incidentsZhCN,
  ...plansZhCN,
  ...reportZhCN,
  ...drillReportZhCN,
  ...historyZhCN,
  ...reportsZhCN,
  ...recordsZhCN,
  ...dispatchPhoneZhCN,
} as const;
