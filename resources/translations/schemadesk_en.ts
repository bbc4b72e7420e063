<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionFlow</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/action_flow.py" line="+353"/>
        <source>%n rehearsed</source>
        <translation>
            <numerusform>%n rehearsed</numerusform>
            <numerusform>%n rehearsed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/compare.py" line="+168"/>
        <source>A and B are equal over %n schema pair(s).</source>
        <translation>
            <numerusform>A and B are equal over %n schema pair.</numerusform>
            <numerusform>A and B are equal over %n schema pairs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n difference</numerusform>
            <numerusform>%n differences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n of access, which Make access equal changes on B</source>
        <translation>
            <numerusform>%n of access, which Make access equal changes on B</numerusform>
            <numerusform>%n of access, which Make access equal changes on B</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/confirm_dialog.py" line="+143"/>
        <source>%n statement(s)</source>
        <translation>
            <numerusform>%n statement</numerusform>
            <numerusform>%n statements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 in %n step(s)</source>
        <translation>
            <numerusform>%1 in %n step</numerusform>
            <numerusform>%1 in %n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionStatusBar</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/status_bar.py" line="+57"/>
        <source>Citus %1, %n worker(s)</source>
        <translation>
            <numerusform>Citus %1, %n worker</numerusform>
            <numerusform>Citus %1, %n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n worker(s) inactive</source>
        <translation>
            <numerusform>%n worker inactive</numerusform>
            <numerusform>%n workers inactive</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/core_texts/actions.py" line="+131"/>
        <source>Rehearse %n migration(s)</source>
        <translation>
            <numerusform>Rehearse %n migration</numerusform>
            <numerusform>Rehearse %n migrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Apply %n migration(s)</source>
        <translation>
            <numerusform>Apply %n migration</numerusform>
            <numerusform>Apply %n migrations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingText</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/core_texts/findings.py" line="+43"/>
        <source>%n object(s) in {s} not owned by {owner}</source>
        <translation>
            <numerusform>%n object in {s} not owned by {owner}</numerusform>
            <numerusform>%n objects in {s} not owned by {owner}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>{rw} lacks {privs} on %n table(s) in {s}</source>
        <translation>
            <numerusform>{rw} lacks {privs} on %n table in {s}</numerusform>
            <numerusform>{rw} lacks {privs} on %n tables in {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{rw} lacks {privs} on %n sequence(s) in {s}</source>
        <translation>
            <numerusform>{rw} lacks {privs} on %n sequence in {s}</numerusform>
            <numerusform>{rw} lacks {privs} on %n sequences in {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{rw} holds more than {privs} on %n table(s) in {s}</source>
        <translation>
            <numerusform>{rw} holds more than {privs} on %n table in {s}</numerusform>
            <numerusform>{rw} holds more than {privs} on %n tables in {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{rw} holds more than {privs} on %n sequence(s) in {s}</source>
        <translation>
            <numerusform>{rw} holds more than {privs} on %n sequence in {s}</numerusform>
            <numerusform>{rw} holds more than {privs} on %n sequences in {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>PUBLIC holds rights on %n object(s) in {s}</source>
        <translation>
            <numerusform>PUBLIC holds rights on %n object in {s}</numerusform>
            <numerusform>PUBLIC holds rights on %n objects in {s}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/main_window.py" line="+304"/>
        <source>%n schema(s) loaded</source>
        <translation>
            <numerusform>%n schema loaded</numerusform>
            <numerusform>%n schemas loaded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationsModel</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/migrations_model.py" line="+104"/>
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n drifted</source>
        <translation>
            <numerusform>%n drifted</numerusform>
            <numerusform>%n drifted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n missing</numerusform>
            <numerusform>%n missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blocked</source>
        <translation>
            <numerusform>%n blocked</numerusform>
            <numerusform>%n blocked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unverifiable</source>
        <translation>
            <numerusform>%n unverifiable</numerusform>
            <numerusform>%n unverifiable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RolloutDialog</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/rollout_view.py" line="+181"/>
        <source>Planning %n target(s)…</source>
        <translation>
            <numerusform>Planning %n target…</numerusform>
            <numerusform>Planning %n targets…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemasModel</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/schemas_model.py" line="+188"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepReview</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/confirm_steps.py" line="+127"/>
        <source>%n rewrite(s)</source>
        <translation>
            <numerusform>%n rewrite</numerusform>
            <numerusform>%n rewrites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n lint finding(s)</source>
        <translation>
            <numerusform>%n lint finding</numerusform>
            <numerusform>%n lint findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ToolPlurals</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/core_texts/problems_tools.py" line="+117"/>
        <source>%n target problem(s); nothing was run: {problems}</source>
        <translation>
            <numerusform>%n target problem; nothing was run: {problems}</numerusform>
            <numerusform>%n target problems; nothing was run: {problems}</numerusform>
        </translation>
    </message>
</context>
</TS>
