<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Grid Ledger</source>
        <translation>网格防非台账</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Attachments (photos and scans)</source>
        <translation>附件（照片、扫描件）</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>or drag files here; double-click to open</source>
        <translation>或将文件拖到此处；双击打开</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Images and scans (*.jpg *.jpeg *.png *.pdf);;All files (*)</source>
        <translation>图片和扫描件 (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Ledger no.</source>
        <translation>台账编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>所属乡镇</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>涉及金额</translation>
    </message>
    <message>
        <source>Key domains</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Restricted words</source>
        <translation>限制性用语</translation>
    </message>
    <message>
        <source>Survey date</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>排查方式</translation>
    </message>
    <message>
        <source>Visited at</source>
        <translation>走访时间</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>走访类型</translation>
    </message>
    <message>
        <source>Visited party</source>
        <translation>被走访对象</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>走访地点</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>宣传资料（份）</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>覆盖群众（人）</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>Send bundle by e-mail</source>
        <translation>用邮件报送数据包</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Put in outbox</source>
        <translation>放入发件箱</translation>
    </message>
    <message>
        <source>Save as .eml…</source>
        <translation>另存为 .eml…</translation>
    </message>
    <message>
        <source>Save as .eml</source>
        <translation>另存为 .eml</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Survey registrations</source>
        <translation>排查登记</translation>
    </message>
    <message>
        <source>Risk clues</source>
        <translation>风险线索</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>Overdue clues</source>
        <translation>逾期线索</translation>
    </message>
    <message>
        <source>Ledger no.</source>
        <translation>台账编号</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Reporting deadlines</source>
        <translation>报送时限</translation>
    </message>
    <message>
        <source>What</source>
        <translation>报送事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Clues by status: %1</source>
        <translation>线索状态：%1</translation>
    </message>
    <message numerus="yes">
        <source>Overdue clues (%n)</source>
        <translation>
            <numerusform>逾期线索（%n 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>every half year</source>
        <translation>每半年</translation>
    </message>
    <message>
        <source>every quarter</source>
        <translation>每季度</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>Export current list to &amp;Excel…</source>
        <translation>导出当前列表为 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export current list to &amp;PDF…</source>
        <translation>导出当前列表为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Print &amp;preview…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Make bundle…</source>
        <translation>生成数据包(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <source>This installation&apos;s &amp;key…</source>
        <translation>本机公钥(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>发件箱(&amp;O)</translation>
    </message>
    <message>
        <source>Send a bundle by e-mail…</source>
        <translation>用邮件报送数据包…</translation>
    </message>
    <message>
        <source>Mail &amp;settings…</source>
        <translation>邮件设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open the survey, clue or visit list first.</source>
        <translation>请先打开排查登记、风险线索台账或走访记录列表。</translation>
    </message>
    <message>
        <source>Save bundle in folder</source>
        <translation>选择数据包保存位置</translation>
    </message>
    <message>
        <source>Make bundle</source>
        <translation>生成数据包</translation>
    </message>
    <message>
        <source>Only the records changed since the last bundle? (No: every record)</source>
        <translation>只包含上次报送以来变更的记录吗？（选“否”则包含全部记录）</translation>
    </message>
    <message>
        <source>sealed to %1 recipients</source>
        <translation>已加密给 %1 个接收方</translation>
    </message>
    <message>
        <source>Bundle saved: %1</source>
        <translation>数据包已保存：%1</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Unknown producer</source>
        <translation>未知的报送方</translation>
    </message>
    <message>
        <source>%1 was signed by a key that is not in your trust list:
%2
Compare this fingerprint with the one the sender reads to you. Trust it?</source>
        <translation>%1 的签名公钥不在本机信任列表中：
%2
请与报送方电话核对此指纹。确认信任吗？</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>This installation&apos;s key</source>
        <translation>本机公钥</translation>
    </message>
    <message>
        <source>Fingerprint: %1

Save the public key file to hand to the township or county?</source>
        <translation>公钥指纹：%1

保存公钥文件，交给乡镇或县里吗？</translation>
    </message>
    <message>
        <source>Save public key</source>
        <translation>保存公钥</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>Bundle to send</source>
        <translation>选择要发送的数据包</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Township</source>
        <translation>所属乡镇</translation>
    </message>
    <message>
        <source>Village (community)</source>
        <translation>所属村（社区）</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所属网格</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体信息</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>主体名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Location and business</source>
        <translation>地址与经营</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Business scope</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>排查情况</translation>
    </message>
    <message>
        <source>Subject involved</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>Survey date</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <source>Screeners</source>
        <translation>排查人员</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>排查方式</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Key domains</source>
        <translation>重点领域</translation>
    </message>
    <message>
        <source>Four features</source>
        <translation>四性特征</translation>
    </message>
    <message>
        <source>Promotion channel</source>
        <translation>宣传方式</translation>
    </message>
    <message>
        <source>Promised return</source>
        <translation>承诺回报</translation>
    </message>
    <message>
        <source>Estimated participants</source>
        <translation>涉及人数（估计）</translation>
    </message>
    <message>
        <source>Estimated amount</source>
        <translation>涉及金额（估计）</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>排查结论</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Clue</source>
        <translation>线索信息</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Informant (confidential)</source>
        <translation>举报人（保密）</translation>
    </message>
    <message>
        <source>Informant&apos;s phone</source>
        <translation>举报人电话</translation>
    </message>
    <message>
        <source>Subject and facts</source>
        <translation>主体与事实</translation>
    </message>
    <message>
        <source>Subject record</source>
        <translation>主体档案</translation>
    </message>
    <message>
        <source>Subject name</source>
        <translation>涉及主体名称</translation>
    </message>
    <message>
        <source>Main facts</source>
        <translation>主要事实</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <source>Amount involved</source>
        <translation>涉及金额</translation>
    </message>
    <message>
        <source>Key case flags</source>
        <translation>重点案件类型</translation>
    </message>
    <message>
        <source>Area type</source>
        <translation>重点地区类型</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访信息</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>走访时间</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>走访类型</translation>
    </message>
    <message>
        <source>Visitors (two or more)</source>
        <translation>走访人（至少两人）</translation>
    </message>
    <message>
        <source>Visited party</source>
        <translation>被走访对象</translation>
    </message>
    <message>
        <source>Visited party&apos;s phone</source>
        <translation>被走访对象电话</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>走访地点</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>走访情况</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>走访内容</translation>
    </message>
    <message>
        <source>Requests from the public</source>
        <translation>群众诉求</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续跟进</translation>
    </message>
    <message>
        <source>Reach and links</source>
        <translation>宣传覆盖与关联</translation>
    </message>
    <message>
        <source>Materials handed out</source>
        <translation>发放宣传资料（份）</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>覆盖群众（人）</translation>
    </message>
    <message>
        <source>Linked clue</source>
        <translation>关联线索</translation>
    </message>
    <message>
        <source>Linked subject</source>
        <translation>关联主体</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Search names, addresses, facts…</source>
        <translation>搜索名称、地址、事实…</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any risk</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Any key domain</source>
        <translation>全部重点领域</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Locked after a quiet spell. %1, enter your password:</source>
        <translation>长时间未操作，已自动锁定。%1，请输入密码：</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码不正确。</translation>
    </message>
</context>
<context>
    <name>MailSettingsDialog</name>
    <message>
        <source>Mail settings</source>
        <translation>邮件设置</translation>
    </message>
    <message>
        <source>SSL (port 465)</source>
        <translation>SSL（端口 465）</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS（端口 587）</translation>
    </message>
    <message>
        <source>None (local relay only)</source>
        <translation>不加密（仅限本地中继）</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP 服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password or authorisation code</source>
        <translation>密码或授权码</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>发件地址</translation>
    </message>
    <message>
        <source>Root certificate (optional)</source>
        <translation>根证书（可选）</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <source>Send to address:</source>
        <translation>发送到：</translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation>测试失败：%1</translation>
    </message>
    <message>
        <source>Test message sent to %1</source>
        <translation>测试邮件已发送到 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Grid Ledger — %1</source>
        <translation>网格防非台账 — %1</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Survey registration</source>
        <translation>排查登记</translation>
    </message>
    <message>
        <source>Risk clue ledger</source>
        <translation>风险线索台账</translation>
    </message>
    <message>
        <source>Visit records</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) changed since the last bundle</source>
        <translation>
            <numerusform>自上次报送以来变更 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>About Grid Ledger</source>
        <translation>关于网格防非台账</translation>
    </message>
    <message>
        <source>Grid Ledger %1
Offline ledger for the campaign against illegal fundraising.</source>
        <translation>网格防非台账 %1
打击非法集资专项行动离线台账。</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <source>Send selected again</source>
        <translation>重新发送所选</translation>
    </message>
    <message>
        <source>Mail settings…</source>
        <translation>邮件设置…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>已发送 %1 封</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Send again?</source>
        <translation>重新发送？</translation>
    </message>
    <message>
        <source>This message may already have been delivered. Send it again only after the recipient confirmed it did not arrive. Send again?</source>
        <translation>这封邮件可能已经送达。请先向收件方确认未收到，再重新发送。确认重新发送吗？</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Subject</source>
        <translation>涉及主体</translation>
    </message>
    <message>
        <source>Survey registration</source>
        <translation>排查登记</translation>
    </message>
    <message>
        <source>Risk clue</source>
        <translation>风险线索</translation>
    </message>
    <message>
        <source>Visit record</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>Lock the record; later changes need a reason</source>
        <translation>锁定记录；之后修改需填写原因</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Show informant</source>
        <translation>查看举报人</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>记录不存在或已被移除。</translation>
    </message>
    <message>
        <source>(kept sealed; not shown)</source>
        <translation>（已加密保存，不予显示）</translation>
    </message>
    <message>
        <source>No informant was recorded for this clue.</source>
        <translation>该线索未登记举报人。</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的项目。</translation>
    </message>
    <message>
        <source>Not saved: a finalised record needs a reason to change.</source>
        <translation>未保存：修改已定稿的记录需填写原因。</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Unsaved draft</source>
        <translation>未保存的草稿</translation>
    </message>
    <message>
        <source>A draft of this form from %1 was not saved. Continue with it?</source>
        <translation>发现 %1 自动保存的未提交草稿，是否继续填写？</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>This record is finalised. Why are you changing it?</source>
        <translation>该记录已定稿，请填写修改原因：</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save the changes before closing? Choose Discard to drop them.</source>
        <translation>关闭前是否保存修改？选择“放弃”将不保存。</translation>
    </message>
</context>
<context>
    <name>RecordForms</name>
    <message>
        <source>Use the existing subject</source>
        <translation>使用已有主体</translation>
    </message>
    <message>
        <source>Restricted words in the name or business scope (art. 9): %1</source>
        <translation>名称或经营范围含限制性用语（条例第九条）：%1</translation>
    </message>
    <message>
        <source>A subject with the same code already exists: %1</source>
        <translation>已有相同代码的主体：%1</translation>
    </message>
    <message>
        <source>Possible duplicate (same phone, similar name): %1</source>
        <translation>可能重复（电话相同、名称相近）：%1</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Choose a subject</source>
        <translation>选择涉及主体</translation>
    </message>
    <message>
        <source>Choose a clue</source>
        <translation>选择线索</translation>
    </message>
    <message>
        <source>Type part of a name, code or address</source>
        <translation>输入名称、代码或地址的一部分</translation>
    </message>
    <message>
        <source>New subject…</source>
        <translation>新建主体…</translation>
    </message>
</context>
<context>
    <name>RefField</name>
    <message>
        <source>(none)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Grid Ledger: first-time set-up</source>
        <translation>网格防非台账：首次设置</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Where do you work?</source>
        <translation>您的工作单位</translation>
    </message>
    <message>
        <source>Choose the level of this computer and your unit.</source>
        <translation>请选择本机的层级和所在单位。</translation>
    </message>
    <message>
        <source>Grid worker (grid)</source>
        <translation>网格员（网格）</translation>
    </message>
    <message>
        <source>Township liaison (township)</source>
        <translation>乡镇联络员（乡镇）</translation>
    </message>
    <message>
        <source>County office (county)</source>
        <translation>县政府办（县）</translation>
    </message>
    <message>
        <source>Village and grid number, e.g. 001-01</source>
        <translation>村（社区）和网格编号，例如 001-01</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village and grid</source>
        <translation>村（社区）和网格</translation>
    </message>
    <message>
        <source>Your recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Print or copy this key and keep it safe. It is shown only once; with it you can recover your data if you forget your password.</source>
        <translation>请打印或抄写并妥善保管此密钥。它只显示这一次；忘记密码时凭它找回数据。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Grid Ledger recovery key</source>
        <translation>网格防非台账 恢复密钥</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Grid Ledger: sign in</source>
        <translation>网格防非台账：登录</translation>
    </message>
    <message>
        <source>Grid Ledger</source>
        <translation>网格防非台账</translation>
    </message>
    <message>
        <source>Campaign against illegal fundraising: grid ledger</source>
        <translation>打击非法集资专项行动 · 网格台账</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Please enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong user name or password. You can try again in %n second(s).</source>
        <translation>
            <numerusform>用户名或密码不正确，请 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong user name or password. Please try again.</source>
        <translation>用户名或密码不正确，请重新输入。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Date of this step</source>
        <translation>办理日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>WorkflowPanel</name>
    <message>
        <source>Handling and timeline</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>No further steps: this clue is finished.</source>
        <translation>已无后续环节：该线索已办理完毕。</translation>
    </message>
    <message>
        <source>Next steps:</source>
        <translation>可办理：</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>当前状态：%1</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>办理期限：%1</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>_PersonPage</name>
    <message>
        <source>About you</source>
        <translation>您的信息</translation>
    </message>
    <message>
        <source>Your name is your user name. The password must have at least 8 characters.</source>
        <translation>姓名即登录用户名。密码至少 8 位。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
</TS>
