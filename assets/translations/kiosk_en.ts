<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CaseLookupScreen</name>
    <message>
        <source>办件查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入受理通知书上的办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入申请时留下的手机号码后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核对手机号，只有申请人本人能查看办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新输入办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号由字母和数字组成，如 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseQuery</name>
    <message>
        <source>请输入手机号码后四位数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输错次数过多，本机暂停办件查询 %1 分钟，可到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再输错 %1 次，本机将暂停办件查询 %2 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在查询办件…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseResultScreen</name>
    <message>
        <source>尚需补交的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如有疑问，请携带受理通知书到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询其他办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理事项：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前状态：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺办结日期：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年%2月%3日 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>您的申请已受理，正在等待办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的申请正在办理中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请按补正告知书补交材料；补正期间暂停计时，材料补齐后承诺办结日期顺延。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的申请已办结，请按通知领取结果或等待送达。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理结果已送达。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理结果已领取。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>预约签到取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用预约号签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用手机号签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签到取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入预约手机号的后四位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核对手机号，防止他人冒用您的预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新输入预约号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在预约时段开始前 %1 分钟至开始后 %2 分钟内签到，签到后优先叫号；超过时间请取普通号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入 8 位预约号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入预约时填写的 11 位手机号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>⚠ 连接中断，正在重连… 操作按钮已暂停使用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刚才的操作结果未确认，恢复后自动重试，不会重复执行。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepartmentScreen</name>
    <message>
        <source>请点击要办理的事项，查看办事指南并取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本部门现在不能取号（%1），可点击事项查看原因和办事指南</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>当场办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必须提交，可容缺后补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必须提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>视情况提交（非必需）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示范文本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原件和复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一、审批事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实施部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>二、法律依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>三、办事条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>四、办理数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>见本页上方，实时更新。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>五、办理程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>六、办理时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法定期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>七、全部材料目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1号窗口（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>八、申请书示范文本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上翻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下翻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印一次性告知单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理数量：今年已办理 %1 件，今日 %2 件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HallDisplay</name>
    <message>
        <source>请听叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>叫号大屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重呼</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请留意叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 {page}/{count} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{y}年{m}月{d}日 {weekday}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计 {time} 恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} 恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开放</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} 工号 {staff_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接中断</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语音播报不可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各业务等候人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本窗口未设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号 {staff_no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请 {code} 号到本窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理业务：{services}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>请选择办理事项所属部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索事项（拼音、编码）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约签到取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件查询（查进度）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>常办事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 项事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂无可办理的事项，请到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskController</name>
    <message>
        <source>系统繁忙，请稍后再试或到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统繁忙</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该部门暂无可办理的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请检查输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先输入预约号或手机号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入预约手机号的后四位数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入 1 开头的 11 位手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约签到 · %1 时段 · 优先叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约签到 · 优先叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在出号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打开办事指南…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统繁忙，正在重试…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不等了，返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看办事指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机不打印号票，请拍照或记下您的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机未连接打印机，请拍照保存办事指南，或到服务台索取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印一次性告知单，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印失败，请拍照或记下您的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因：%1。已通知工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机故障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次性告知单已打印，请取走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认一次性告知单已打印，如未出纸请拍照保存办事指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印失败，请拍照保存办事指南，或到服务台索取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskScans</name>
    <message>
        <source>办理事项：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号 · 等候中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前面还有 %1 人等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前面无人等候，请留意叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计等候：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口：%1窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号 · 已叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到 %1 号窗口办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请留意大厅叫号屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号 · 已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此号已在 %1 号窗口办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号 · 已过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到窗口说明，工作人员可为您重新排队</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号 · 已失效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此号票已失效，请重新取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择要办理的事项，在取号页面将身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷身份证取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读卡失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>自助取号机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长者模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出长者模式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerAlerts</name>
    <message>
        <source>严重</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>注意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同时显示已确认的告警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认所选告警（可多选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告警一直显示到有人确认；确认人和时间记入电子监察。阈值在“设置”页修改（等候超时、暂停超时）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 于 %2 确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有待确认的告警</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerAudit</name>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 A012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一页 ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电子监察</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每一次操作都有记录：谁、何时、做了什么。记录只能查询和导出，不能修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 / %2 页，共 %3 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出电子监察记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出电子监察记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 条记录到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerCalendar</name>
    <message>
        <source>年份 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>休息日（节假日）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作日（调休上班）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：国庆节、春节调休</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置该日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复所选日期为平常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周一至周五为工作日。请每年按国务院办公厅通知录入节假日和调休上班日；差评的核实、整改期限按此计算（已定的期限不变）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>休息日</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerCases</name>
    <message>
        <source>红牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>黄牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在左侧（或上方）列表中选择一件办件查看详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺办结日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应办结日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正停止计时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所欠材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（%1 起停止计时）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>准予</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，用时 %1 个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；理由：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺后补</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所欠材料（%1 项未收到）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进行中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部在办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺材料逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击一行，按其筛选在办办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在办办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件监察（限时办结）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ 红牌：已超期或容缺材料逾期；▲ 黄牌：临近期限；补正期间停止计时。阈值在“设置”页修改，红牌同时记入“告警”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1号 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日到期（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在办 %1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺逾期 %1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日到期 %1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>环节超时 %1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（列表显示前 %1 件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有在办的办件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerCatalog</name>
    <message>
        <source>即办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按名称或编码查找事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部门 / 事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项（八公开）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号业务与限号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入目录文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出目录文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项内容由系统管理员维护；大厅管理员可调整各业务的每日限号和办理时间。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目录已导出到 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目录未导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入 %1 个事项、%2 个业务、%3 个窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批事项名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实施部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法定期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办事条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理程序（每行一步）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部材料目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请书示范文本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年办结 %1 件，今日 %2 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项未保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原件和复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原件/复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>份数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必需</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前缀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每日限号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包含事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存业务设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改所选业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每日限号（0 为不限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理时段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>限号和办理时间修改后，下一次取号即按新规则执行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务未保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 类业务已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerCommon</name>
    <message>
        <source>……另有 %n 处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerConsole</name>
    <message>
        <source>大厅管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实时监控</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件监察</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>差评跟踪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>好差评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电子监察</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 管理端</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（工号 %2，%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理端</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与数据库的连接中断，正在重连；显示的可能不是最新数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”暂不可用：%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerFollowup</name>
    <message>
        <source>核实完成 → 已核实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始整改 → 整改中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改完成 → 已整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回访完成 → 已回访（结案）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申诉（误评，结案）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已结案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态变化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写本步处理情况（核实情况、整改措施、回访结果或申诉理由），必填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看评价人信息…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价人信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅管理人员可见，每次查看都会记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在左侧选择一条差评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未注明原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>差评（%1） · %2号窗口 %3 · %4 · 原因：%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核实后确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前状态：%1&#x3000;核实期限：%2&#x3000;整改期限：%3&#x3000;当前期限：%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看评价人信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价人信息属于个人信息，本次查看将记入电子监察。确定查看吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号票：%1（%2 取号，%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未知取号机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价时间：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约：%1&#x3000;姓名：%2&#x3000;电话：%3&#x3000;证件：%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现场刷身份证取号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现场取号，未留姓名和电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回访电话：%1（评价时留下）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未结案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>差评跟踪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作日历</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerLive</name>
    <message>
        <source>暂无数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每小时取号：今日与上周同日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日（实心）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上周同日（斜纹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候时长分布（分钟）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日已叫号（实心）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在等候（斜纹）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 起 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，预计 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超时 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>综合屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2，%3 起）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因未报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语音播报不可用：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>。叫号只显示、不播报，请检查音箱和语音。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平均等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&#x3000;更新于 %2&#x3000;（每分钟及有变化时刷新）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日评价：非常满意 %1 · 满意 %2 · 基本满意 %3 · 不满意 %4 · 非常不满意 %5 · 未评 %6（参评率 %7，好评率 %8）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 人超时（超过 %3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无人超过 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无人等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 · 超时（阈值 %3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 阈值 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>严重 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部已确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最长等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日取号 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开放窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停 %1 · 未登录 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日满意率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已评 %1 · 差评 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认告警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实时监控</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerLogin</name>
    <message>
        <source>管理端登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大厅管理端</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 9001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerRatings</name>
    <message>
        <source>平台响应超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接不上平台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平台应答（HTTP %1）中没有回执编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平台拒收（HTTP %1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办一件事通常要几分钟，同一设备 %1 秒内收到 %2 个及以上“非常满意”，不像是多位群众分别评价，请核实是否有人代评（刷好评）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结 %1 天及以上才评价。群众一般在办结时评价，事隔多日的评价可能不是本人所评，或是被要求补评，请核实。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>疑似刷好评</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>迟到评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为何标记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下评价不一定有问题，只是值得核实；判定标准在“设置”中调整（刷好评判定时间窗、条数，迟到评价天数）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该月有 %1 处值得核实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该月没有发现异常评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择平台回执文件并对账…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认第一列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回执 / 原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平台回执编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV 中回执编号所在列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平台没有的评价（本地有，回执中没有）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本地没有的回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从省好差评平台导出本月的评价回执（每行一个编号，或带表头的 CSV），与本大厅本月的评价逐条核对：编号可以是平台回执编号或本地评价编号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未对账。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份已改变，请选择该月的平台回执文件重新对账。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择平台导出的回执文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回执文件 (*.csv *.txt);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）：本地评价 %3 条，平台已确认 %4 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；平台没有的 %1 条，本地没有的回执 %2 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；双方一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（每边只列出前 %1 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机扫码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>渠道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尝试次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平台回执 / 原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新上报所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度对账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>异常评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>好差评上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每条评价都要上报省一体化政务服务平台。失败的多是平台拒收（如事项编码不符）：在“设置”中改正后点“重新上报”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条评价：%2 %3 条，%4 %5 条，%6 %7 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该月失败的全部重新上报（%1 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（只列出最新 %1 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年%2月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中一行查看上报详情。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号（评价编号 %2）：%3，已尝试 %4 次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，%1评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，%1 上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，平台回执 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>失败原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次出错</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重新排队上报 %1 条评价，稍后在此查看结果。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerReports</name>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约办理登记表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺后补登记表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2&#x3000;登记月份：%3&#x3000;共 %4 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出登记表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记表已导出到 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点击“统计”后显示所选区间各月的限时办结情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口径：按办结月份统计；按时办结 = 在应办结日期（含补正顺延）当日或之前办结；提前办结 = 在应办结日期之前办结；超期未办结 = 月末（本月为今天）仍未办结且已超期；平均用时为受理到办结的工作日数，不含补正停止计时的天数；无分母时显示“—”。导出的 Excel 和 PDF 含各月全部分组。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口径：等候 = 叫号时间 − 取号时间；办理 = 办结时间 − 开始办理时间；90% 为最近秩百分位；参评率 = 已评 / 办结；满意率 = (非常满意 + 满意) / 已评；好评率 = (非常满意 + 满意 + 基本满意) / 已评；差评 = 不满意 + 非常不满意；无分母时显示“—”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分组统计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度登记表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>限时办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表已导出到 %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerSettings</name>
    <message>
        <source>排到队尾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回到原来的位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开启</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大厅设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这些设置对本大厅的所有取号机、窗口和大屏生效，每次修改都记入电子监察。本机的打印机、数据库等设置在各电脑的配置文件中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最小 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最大 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 %n 项设置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerStaff</name>
    <message>
        <source>窗口人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大厅管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用（停用后不能登录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置工号 %1 的密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建账号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置照片…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改工号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价器上显示的照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建账号、修改角色和重置密码由系统管理员操作；大厅管理员可以解锁账号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已锁定至 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号 %1 的密码已重置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无照片）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择 %1 的照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（现工号 %2）的新工号：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerTasks</name>
    <message>
        <source>与数据库的连接中断，操作可能没有完成。请等连接恢复后刷新页面核对，再决定是否重做。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作失败：程序出错，已记入日志，请联系系统管理员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一个操作尚未完成，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与数据库的连接中断，请稍后再试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerWindows</name>
    <message>
        <source>服务中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存窗口设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改所选窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理的业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口的业务和A/B岗由系统管理员设置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>综合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 号窗口已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <source>知道了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>就绪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>错误：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次性告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PauseReason</name>
    <message>
        <source>临时离岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用餐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统故障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>老年人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>军人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>孕妇</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueWords</name>
    <message>
        <source>周一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>明天 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1月%2日 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无需等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候 %1 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已满 · 今日号已取完</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停止取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 后可取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 类暂停取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号时间：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1今日号已取完（%2每天限 %3 个）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1，也可网上预约。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请明天再来，或网上预约。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现在不是%1的取号时间。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日为节假日（%1），大厅休息，%2暂停取号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>休息日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1暂停现场取号，请到服务台咨询。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <source>非常满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办事效率低</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务态度差</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次性告知不清</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多次跑动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候时间长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务不熟练</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>环境设施差</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingPad</name>
    <message>
        <source>工号：{no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理结束后，请在此屏幕上对我的服务作出评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}暂未开放</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请到其他窗口办理，或咨询大厅导办台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计 {t} 恢复服务，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请稍候，工作人员马上回来</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在为 {code} 号办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎办理业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号已办结，请您对本次服务作出评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我们会认真核实整改，并通过 {phone} 与您联系。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我们会认真核实，尽快改进。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎您再次来办事。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您已通过手机评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>感谢您的评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请告诉我们哪里不满意（可多选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他意见（可不填，点此输入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留电话，方便回访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请用下方键盘输入（字母、数字均可）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留下手机号码，方便回访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可不填。号码只用于回访，不会完整显示或保存明文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请用下方数字键输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请至少选择一项原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务评价 - {n} 号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>监督电话：{phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{s} 秒后自动结束（记为未评）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>感谢您的评价！</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Registers</name>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请事由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补齐期限</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemindScreen</name>
    <message>
        <source>将在前面还有 %1 人时和叫号时发短信至 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将在叫号时发短信至 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到号短信提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入您的 11 位手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号码仅用于本次到号提醒，当天结束后删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已设置到号提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号码：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>输入事项名称、拼音首字母或事项编码，如 gtgs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请用下方键盘输入，例如“个体工商户”可输入 gtgs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在准备搜索，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个说法或到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>找到 %1 个事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看 %1 个结果</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakeTicketScreen</name>
    <message>
        <source>普通取号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>绿色通道（优先办理）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>老年人、残疾人、军人、孕妇可优先办理。请选择您的情况；叫号后请向窗口工作人员出示相关证件，由工作人员确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>优先 · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口：%1窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口：请留意大厅叫号屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此业务需刷身份证取号，本机未连接身份证阅读器，请到服务台咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在读卡区刷身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将身份证放在读卡区，保持不动；读卡成功后自动出号。本业务需凭身份证取号，请勿替他人取号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>也可在读卡区刷身份证取号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <source>即将叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>约 %1 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>约 %1 小时 %2 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>约 %1 小时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号成功，您的排队号码是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可用手机扫码或拍照保存号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到号短信提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1，</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>绿色通道（按年龄自动）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>绿色通道 · %1（请向窗口出示证件，待工作人员确认）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理事项：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口：%1窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理窗口：请留意大厅叫号屏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前面等候：%1 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前面等候：无人等候，请留意叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计等候：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号时间：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印号票，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号票已打印，请从下方出票口取走</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认号票已打印，如未出票请拍照记下号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成（%1 秒）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，返回首页（%1 秒）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TilePager</name>
    <message>
        <source>上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 / %2 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowCases</name>
    <message>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发出补正告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次性告知：请把需要补正的材料一次勾选齐全，告知后材料补齐前不能再次告知。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他材料（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目录外需补正的材料名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正告知：办件 {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予办结的理由（不予时必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：经现场核查，经营场所不符合要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结：办件 {no}（↑↓ 或数字键选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>准予（批准）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予（写明理由）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>红牌（已超过期限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>黄牌（临近期限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>红牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>黄牌</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（{day} 起补正停表）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（补正停表 {n} 个工作日，已顺延）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收到，{day} 前补交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{step} · {day} 到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>准予（{day}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予（{day}）：{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入办件编号查询，或从左侧列表选择办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承诺件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} 前补齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口 · 工号 {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺材料接收：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>环节完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补正材料接收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺材料接收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} 办结，待送达或领取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} 到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺{card}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回叫号（Esc）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本窗口的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印通知书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件 · {window}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{move}：办件 {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认开始办理该办件？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认当前办理环节已完成？下一环节（如有）从今天开始计时。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认补正材料已全部收到？办件恢复计时，期限按停表的工作日顺延。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认已收到容缺材料：{name}？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认办理结果已送达申请人？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认申请人已在窗口领取办理结果？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认后记入电子监察，不能撤销。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺材料接收：办件 {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接中断，恢复后才能操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一个操作尚未完成，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成通知书……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件 {no}：{move}完成，当前状态：{state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作失败，请重试或联系管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通知书已保存：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取失败，请重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本窗口在办 {n} 件（▲ 黄牌 {y} · ■ 红牌 {r}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本窗口暂无在办的办件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowForms</name>
    <message>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理（承诺件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次性告知（补正材料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>咨询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺受理（勾选后补的材料）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结：选择办理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人手机号（可不填；群众凭办件编号和手机号后四位查询进度）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 13812345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>后补的材料（勾选群众缺少的）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺受理 {code}：受理登记（回车确认）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理 {code}：受理登记（回车确认）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，确认后叫下一位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转办：选择转往的业务或窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认转办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转往（↑↓ 或数字键选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转办说明（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：需先办理税务登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转办 {code}：选择转往的业务或窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务 {prefix} {name}（等候 {n} 人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} 在岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 A012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 分钟后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 分钟后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 小时后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 小时后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停服务：选择原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认暂停</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计恢复时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补充说明（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号叫号才 {s} 秒、已重呼 {n} 次，群众可能正在走来。本大厅规定：重呼满 {r} 次或叫号满 {m} 秒后可直接过号。
确认群众确实未到，再按一次过号键{key}或回车确认；否则按 Esc 取消，先重呼。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：去档案室调档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可不填，如：缺营业执照复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结 {code} 并叫下一位：选择结果（↑↓ 或数字键）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结 {code}：选择结果（↑↓ 或数字键）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{window}（{state}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停原因（方向键或数字键选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首问登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>群众咨询的问题（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>答复（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>引导至（窗口或部门，可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认 {code} 号过号？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（回车）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowLogin</name>
    <message>
        <source>连接中断或上一个操作未完成，请稍后再试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已退出登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录失败，请联系管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{window}（{state}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口工作人员登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录（回车键）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入工号和密码。B岗人员可登录已有人员的窗口进行接管。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入工号和密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowMain</name>
    <message>
        <source>叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重呼</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结并叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指定叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>过号重排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首问登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口叫号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - {n} 号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您已作为B岗接管 {n} 号窗口（原登录：{name}，工号 {no}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录成功，欢迎 {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指定叫号：输入号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>叫这个号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>过号重排：输入回来的过号号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新排队</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口已由 {name}（工号 {no}）接管，您已退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口已关闭，请重新登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{window} · {staff}（工号 {no}） · 状态：{state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖ 暂停服务中：{reason} · 预计恢复 {back} · 按［{key}］恢复服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一个操作尚未完成，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>容缺受理：请勾选群众后补的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择转往的业务或窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入号码，如 A012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作失败，请重试或联系管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} 小时 {m} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>绿色通道·{who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（待核验）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持证人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>优先</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空闲：当前没有号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已叫号，等候群众到窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（按年龄自动）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{at} 时段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}（刷身份证取号）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接下来：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日本窗口：已办结 {n} 件 · 过号 {ns} 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平均办理 {avg} · 满意率 {pct}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} / {limit} 次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（叫号后 {t}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认符合</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不符合条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号申请{kind}，请查验证件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{prefix} {name}：等候 {n} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转给本窗口：{n} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接下来：无人等候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未评 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 号窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前没有等候的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 已办结，当前没有等候的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} 已办结，请群众评价；已叫号：{code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已叫号：{code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重呼 {code}（第 {n} 次）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始办理 {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 已按过号处理，可叫下一位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 已办结（结果：{outcome}），请群众在评价器上评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 已转办，保持原排队时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 已重新排队</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已恢复服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首问登记已保存（编号 {n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号绿色通道已核验确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号不符合绿色通道条件，已按普通号排队（保持原取号时间）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；已登记办件，办件编号 {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，承诺办结日期 {date}（可在“办件”中打印受理通知书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（连接恢复后确认：该操作此前已完成，未重复执行）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接中断，恢复后才能操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先办结、过号或转办当前的 {code} 号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口处于暂停服务状态，请先按［{key}］恢复服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前没有已叫号、等候到窗口的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号正在办理，不能过号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号正在办理，无需重呼</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号已在办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} 号已重呼 {n} 次，可按过号处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前没有正在办理的号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，再暂停服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，再退出登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Windows</name>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
