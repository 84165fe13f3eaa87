/** Camera tiles and the wall monitors (reference language). */
export const videoZhCN = {
  video: {
    state: {
      connecting: '连接中',
      live: '实时',
      stalled: '画面卡顿',
      reconnecting: '重新连接中',
      offline: '离线',
    },
    stateHint: {
      connecting: '正在打开视频流…',
      live: '实时画面',
      stalled: '画面暂停，正在等待新的视频数据',
      reconnecting: '视频流中断，正在自动重连',
      offline: '摄像机无视频流，将定时自动重试',
    },
    unknownCamera: '摄像机 {{id}}',
    openLarge: '放大查看',
    closeViewer: '关闭',
    sendToMonitor: '上墙到监视器…',
    sentTo: '已发送到 {{monitor}}',
    mainStream: '主码流',
  },
  monitor: {
    connecting: '正在连接监控中心…',
    unknown: '没有编号为“{{id}}”的监视器',
    unknownHint: '请检查地址，或由管理员在操作台中添加该监视器',
    label: '监视器 {{position}}',
    tileNumber: '{{monitor}}-{{tile}}',
    emptyTile: '空闲窗口',
    enlargedHint: '双击或按 Esc 返回',
    tour: {
      position: '轮巡 {{index}}/{{count}}',
      paused: '已暂停',
      empty: '轮巡中没有摄像机',
    },
    map: {
      noSite: '没有该小区的平面图',
    },
    takeover: {
      title: '报警联动',
      count: '共 {{count}} 次',
      cameras: '联动摄像机 {{count}} 路',
      noCameras: '附近没有摄像机，显示平面图',
      since: '首次报警 {{time}}',
    },
  },
} as const;
