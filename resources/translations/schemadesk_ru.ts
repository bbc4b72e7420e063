<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>ActionFlow</name>
    <message>
        <location filename="../../src/schemadesk/ui/action_flow.py" line="+128"/>
        <source>Cannot rehearse</source>
        <translation>Пробный прогон невозможен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alembic&apos;s env.py commits by itself: its revisions cannot be rehearsed.</source>
        <translation>env.py Alembic сам выполняет COMMIT, поэтому его ревизии нельзя прогнать на пробу.</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>No project: open the window with --project schemadesk.toml.</source>
        <translation>Проект не открыт: запустите окно с --project schemadesk.toml.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to apply</source>
        <translation>Применять нечего</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every migration is applied.</source>
        <translation>Все миграции уже применены.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot apply</source>
        <translation>Применить нельзя</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Alembic keeps no checksums: there is nothing to accept.</source>
        <translation>Alembic не хранит контрольных сумм: принимать нечего.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has not changed since it was applied</source>
        <translation>%1 не менялся после применения</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>checksum accepted</source>
        <translation>контрольная сумма принята</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the ledger row had changed: nothing updated</source>
        <translation>строка журнала миграций успела измениться: ничего не обновлено</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing to change: the desired state holds.</source>
        <translation>Менять нечего: всё уже в нужном состоянии.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>done; the catalog shows the desired state</source>
        <translation>готово; каталог подтверждает нужное состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done, but not as desired: %1</source>
        <translation>выполнено, но результат не тот: %1</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The profile “%1” is read-only: changes are not possible.</source>
        <translation>Профиль «%1» — только чтение: изменения невозможны.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n rehearsed</source>
        <translation>
            <numerusform>пробный прогон: %n миграция</numerusform>
            <numerusform>пробный прогон: %n миграции</numerusform>
            <numerusform>пробный прогон: %n миграций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n applied</source>
        <translation>
            <numerusform>применена %n миграция</numerusform>
            <numerusform>применены %n миграции</numerusform>
            <numerusform>применено %n миграций</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>failed at %1 [%2]: %3; %4 before it</source>
        <translation>ошибка в %1 [%2]: %3; до неё: %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cancelled after %1</source>
        <translation>отменено; до отмены: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2 ms</source>
        <translation>%1 за %2 мс</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not rehearsable (no transaction): %1</source>
        <translation>без пробного прогона (вне транзакции): %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rolled back</source>
        <translation>откачено</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/audit_view.py" line="+82"/>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by profile, database, action, SQL or user</source>
        <translation>Фильтр по профилю, базе данных, действию, SQL или пользователю</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every outcome</source>
        <translation>любой результат</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>schema %1</source>
        <translation>схема %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>as %1</source>
        <translation>от имени %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not rehearsed (no transaction): %1</source>
        <translation>без пробного прогона (вне транзакции): %1</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location line="-124"/>
        <source>succeeded</source>
        <translation>успешно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rehearsed partly</source>
        <translation>прогнано частично</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
</context>
<context>
    <name>CatalogNotice</name>
    <message>
        <location filename="../../src/schemadesk/ui/catalog_notice.py" line="+36"/>
        <source>schemas (%1): the privilege matrix has no columns</source>
        <translation>схемы (%1): в матрице привилегий нет столбцов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>roles (%1): the convention check was not run</source>
        <translation>роли (%1): проверка соглашений не выполнялась</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role memberships (%1): effective privileges may miss inherited ones</source>
        <translation>членство в ролях (%1): в действующих привилегиях могут отсутствовать унаследованные</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tables, views and sequences (%1): privileges on them are not counted</source>
        <translation>таблицы, представления и последовательности (%1): привилегии на них не учтены</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>functions (%1): privileges on them are not counted</source>
        <translation>функции (%1): привилегии на них не учтены</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default privileges (%1): what new objects will grant is not known</source>
        <translation>привилегии по умолчанию (%1): неизвестно, что будут выдавать новые объекты</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The schemas&apos; counts of tables, views and functions cannot be read: %1</source>
        <translation>Не удаётся прочитать число таблиц, представлений и функций в схемах: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The schemas cannot be listed: %1</source>
        <translation>Не удаётся получить список схем: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The roles cannot be listed: %1</source>
        <translation>Не удаётся получить список ролей: %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Not shown — the login may not read them:</source>
        <translation>Не показано — у этого входа нет права их читать:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalog was read incompletely: these privileges and findings may be missing or wrong. Not read:</source>
        <translation>Каталог прочитан не полностью: привилегии и замечания ниже могут быть неполными или неверными. Не прочитано:</translation>
    </message>
</context>
<context>
    <name>ColoursMenu</name>
    <message>
        <location filename="../../src/schemadesk/ui/colours_menu.py" line="+19"/>
        <source>&amp;Colours</source>
        <translation>&amp;Цвета</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the &amp;system</source>
        <translation>Как в &amp;системе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>&amp;Светлая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/compare.py" line="+60"/>
        <source>Compare connections</source>
        <translation>Сравнение подключений</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>every schema by name; or: sales, tenant_a=tenant_b, tenant_*=template</source>
        <translation>все схемы по имени; или: sales, tenant_a=tenant_b, tenant_*=template</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare</source>
        <translation>&amp;Сравнить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A (reference):</source>
        <translation>A (эталон):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B (compared):</source>
        <translation>B (сравниваемое):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schemas:</source>
        <translation>Схемы:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Difference</source>
        <translation>Различие</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Make access equal</source>
        <translation>&amp;Выровнять доступ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / ALTER … OWNER on B so that its access matches A&apos;s; structure is reported, never changed</source>
        <translation>GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / ALTER … OWNER в B, чтобы доступ совпал с A; структура только показывается и не меняется</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open two connections first (File ▸ Connections…).</source>
        <translation>Сначала откройте два подключения (Файл ▸ Подключения…).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comparing…</source>
        <translation>Сравнение…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>schema %1</source>
        <translation>схема %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>roles involved</source>
        <translation>затронутые роли</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>A and B are equal over %n schema pair(s).</source>
        <translation>
            <numerusform>A и B совпадают по %n паре схем.</numerusform>
            <numerusform>A и B совпадают по %n парам схем.</numerusform>
            <numerusform>A и B совпадают по %n парам схем.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n различие</numerusform>
            <numerusform>%n различия</numerusform>
            <numerusform>%n различий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n of access, which Make access equal changes on B</source>
        <translation>
            <numerusform>%n — доступ, его «Выровнять доступ» изменит в B</numerusform>
            <numerusform>%n — доступ, их «Выровнять доступ» изменит в B</numerusform>
            <numerusform>%n — доступ, их «Выровнять доступ» изменит в B</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareText</name>
    <message>
        <location filename="../../src/schemadesk/ui/compare_texts.py" line="+14"/>
        <source>schema {schema} exists only in {side}</source>
        <translation>схема {schema} есть только в {side}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{kind} {name} exists only in {side}</source>
        <translation>{kind} {name} есть только в {side}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is a {a} in A, a {b} in B</source>
        <translation>{name}: в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject}: owner {a} in A, {b} in B</source>
        <translation>{subject}: владелец в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject}: {grantee} holds {a} in A, {b} in B</source>
        <translation>{subject}: у {grantee} в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default privileges on {object_type} created by {role} in schema {schema}: {grantee} gets {a} in A, {b} in B</source>
        <translation>права по умолчанию на {object_type}, создаваемые {role} в схеме {schema}: {grantee} получает в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default privileges on {object_type} created by {role} in any schema: {grantee} gets {a} in A, {b} in B</source>
        <translation>права по умолчанию на {object_type}, создаваемые {role} в любой схеме: {grantee} получает в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>role {role} exists only in {side}</source>
        <translation>роль {role} есть только в {side}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role {role}: {attribute} is {a} in A, {b} in B</source>
        <translation>роль {role}: {attribute} в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>role {role}: setting {name} is {a} in A, {b} in B</source>
        <translation>роль {role}: параметр {name} в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>role {role}: setting {name} in this database is {a} in A, {b} in B</source>
        <translation>роль {role}: параметр {name} в этой базе в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{member} in role {role}: {a} in A, {b} in B</source>
        <translation>{member} в роли {role}: в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>migration {module}/{file} is applied only in {side} ({ledger})</source>
        <translation>миграция {module}/{file} применена только в {side} ({ledger})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>migration {module}/{file}: checksum {a} in A, {b} in B</source>
        <translation>миграция {module}/{file}: контрольная сумма в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alembic {table}: heads {a} in A, {b} in B</source>
        <translation>Alembic {table}: головные ревизии в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject}: {aspect} is {a} in A, {b} in B</source>
        <translation>{subject}: {aspect} в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject}: {part} {part_name}: {aspect} is {a} in A, {b} in B</source>
        <translation>{subject}: {part} {part_name}: {aspect} в A — {a}, в B — {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{subject}: {part} {part_name} exists only in {side}</source>
        <translation>{subject}: {part} {part_name} есть только в {side}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>structure was not compared: {pairs} schema pairs (more than {limit}); name the schemas to compare it</source>
        <translation>структура не сравнивалась: пар схем {pairs} (больше {limit}); укажите схемы, чтобы сравнить её</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>function {name} in schema {schema} is overloaded: its rights are compared, not scripted</source>
        <translation>функция {name} в схеме {schema} перегружена: её права сравниваются, но не исправляются скриптом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>role {role} does not exist in B: its rights in schema {schema} are not scripted</source>
        <translation>роли {role} нет в B: её права в схеме {schema} не исправляются скриптом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{side} could not read {part}: {reason}</source>
        <translation>{side} не смогла прочитать {part}: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+14"/>
        <source>schema</source>
        <translation>схема</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>owner</source>
        <translation>владелец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grant</source>
        <translation>право</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default privileges</source>
        <translation>права по умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role setting</source>
        <translation>параметр роли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>membership</source>
        <translation>членство</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>migration</source>
        <translation>миграция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alembic</source>
        <translation>Alembic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>object</source>
        <translation>объект</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>table</source>
        <translation>таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view</source>
        <translation>представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>materialized view</source>
        <translation>материализованное представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foreign table</source>
        <translation>сторонняя таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequence</source>
        <translation>последовательность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function</source>
        <translation>функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>procedure</source>
        <translation>процедура</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aggregate</source>
        <translation>агрегатная функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>window function</source>
        <translation>оконная функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partitioned table</source>
        <translation>секционированная таблица</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>domain</source>
        <translation>домен</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tables</source>
        <translation>таблицы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequences</source>
        <translation>последовательности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>functions</source>
        <translation>функции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>types</source>
        <translation>типы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schemas</source>
        <translation>схемы</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>column</source>
        <translation>столбец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>index</source>
        <translation>индекс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constraint</source>
        <translation>ограничение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trigger</source>
        <translation>триггер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policy</source>
        <translation>политика</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>type</source>
        <translation>тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nullable</source>
        <translation>допускает NULL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default</source>
        <translation>значение по умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identity</source>
        <translation>identity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <translation>генерируемый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generation expression</source>
        <translation>выражение генерации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>collation</source>
        <translation>правило сортировки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>definition</source>
        <translation>определение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>valid</source>
        <translation>действителен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validated</source>
        <translation>проверено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row level security</source>
        <translation>защита на уровне строк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forced row level security</source>
        <translation>принудительная защита на уровне строк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partition key</source>
        <translation>ключ секционирования</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unlogged</source>
        <translation>нежурналируемая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>storage parameters</source>
        <translation>параметры хранения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>options</source>
        <translation>параметры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data type</source>
        <translation>тип данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start</source>
        <translation>начало</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>increment</source>
        <translation>шаг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum</source>
        <translation>минимум</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>maximum</source>
        <translation>максимум</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cache</source>
        <translation>кэш</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cycle</source>
        <translation>цикл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>result</source>
        <translation>результат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>security definer</source>
        <translation>security definer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>volatility</source>
        <translation>изменчивость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labels</source>
        <translation>метки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>subtype</source>
        <translation>подтип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base type</source>
        <translation>базовый тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command</source>
        <translation>команда</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permissive</source>
        <translation>разрешительная</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles</source>
        <translation>роли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>using</source>
        <translation>using</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with check</source>
        <translation>with check</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>the owner</source>
        <translation>владелец</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/confirm_dialog.py" line="+49"/>
        <source>Confirm: %1</source>
        <translation>Подтверждение: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>SET ROLE %1</source>
        <translation>SET ROLE %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the login itself</source>
        <translation>роль подключения, без SET ROLE</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where:</source>
        <translation>Где:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs as:</source>
        <translation>От имени:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locks:</source>
        <translation>Блокировки:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rehearsal:</source>
        <translation>Пробный прогон:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>profile %1</source>
        <translation>профиль %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>database %1</source>
        <translation>база данных %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>schema %1</source>
        <translation>схема %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>login %1</source>
        <translation>пользователь %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n statement(s)</source>
        <translation>
            <numerusform>%n команда</numerusform>
            <numerusform>%n команды</numerusform>
            <numerusform>%n команд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 in %n step(s)</source>
        <translation>
            <numerusform>%1 в %n шаге</numerusform>
            <numerusform>%1 в %n шагах</numerusform>
            <numerusform>%1 в %n шагах</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none beyond the statements&apos;</source>
        <translation>только те, что берут сами команды</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rehearse</source>
        <translation>Пробный прогон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept checksum</source>
        <translation>Принять контрольную сумму</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply change</source>
        <translation>Применить изменение</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;failed&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;не удался&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not rehearsed</source>
        <translation>не выполнялся</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the last rehearsal was of other files or checksums: %1</source>
        <translation>последний пробный прогон был для других файлов или контрольных сумм: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rehearsed as another role than this one: %1</source>
        <translation>пробный прогон шёл от имени другой роли: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply although the rehearsal of this plan failed</source>
        <translation>Применить, хотя пробный прогон этого плана не удался</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply although this plan was not rehearsed as it is now</source>
        <translation>Применить, хотя пробный прогон был не для этого плана в нынешнем виде</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply although it was rehearsed as another role</source>
        <translation>Применить, хотя пробный прогон шёл от имени другой роли</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Exact SQL that will run</source>
        <translation>Точный SQL, который будет выполнен</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protected: type the database name &lt;b&gt;%1&lt;/b&gt; to confirm</source>
        <translation>Защищённый профиль: для подтверждения введите имя базы данных &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../src/schemadesk/ui/banner.py" line="+26"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connection lost: %1</source>
        <translation>Соединение потеряно: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionSession</name>
    <message>
        <location filename="../../src/schemadesk/ui/connection_session.py" line="+180"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../src/schemadesk/ui/session_failures.py" line="+59"/>
        <source>Could not connect</source>
        <translation>Не удалось подключиться</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/catalog_loading.py" line="+113"/>
        <source>Loading schemas…</source>
        <translation>Загрузка схем…</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+76"/>
        <location line="+68"/>
        <location filename="../../src/schemadesk/ui/session_failures.py" line="-31"/>
        <source>Could not load schemas</source>
        <translation>Не удалось загрузить схемы</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Loading roles and privileges…</source>
        <translation>Загрузка ролей и привилегий…</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+74"/>
        <location line="+75"/>
        <location filename="../../src/schemadesk/ui/session_failures.py" line="+1"/>
        <source>Could not load roles</source>
        <translation>Не удалось загрузить роли</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/connection_session.py" line="+105"/>
        <source>No project</source>
        <translation>Проект не открыт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the window with --project schemadesk.toml to see migrations.</source>
        <translation>Чтобы увидеть миграции, запустите окно с --project schemadesk.toml.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Offline SQL of %1 (alembic upgrade --sql)</source>
        <translation>SQL для %1 в офлайн-режиме (alembic upgrade --sql)</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Reading migrations and ledgers…</source>
        <translation>Чтение миграций и журналов миграций…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../src/schemadesk/ui/session_failures.py" line="+1"/>
        <source>Could not load migrations</source>
        <translation>Не удалось загрузить миграции</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/session_failures.py" line="+13"/>
        <source>Could not read the schemas&apos; sizes: %1</source>
        <translation>Не удалось прочитать размеры схем: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write the audit record to the database: %1</source>
        <translation>Не удалось записать запись аудита в базу данных: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A background task failed: %1 (details in the log)</source>
        <translation>Фоновая задача завершилась ошибкой: %1 (подробности в журнале)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading was cancelled; Retry or F5 loads again.</source>
        <translation>Загрузка отменена; «Повторить» или F5 загрузит снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not loaded</source>
        <translation>Не загружено</translation>
    </message>
</context>
<context>
    <name>ConnectionStatusBar</name>
    <message>
        <location filename="../../src/schemadesk/ui/status_bar.py" line="+28"/>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PostgreSQL %1</source>
        <translation>PostgreSQL %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>READ-ONLY</source>
        <translation>ТОЛЬКО ЧТЕНИЕ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes are refused</source>
        <translation>Изменения запрещены</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PROTECTED</source>
        <translation>ЗАЩИЩЁННЫЙ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every change needs the database name typed to confirm</source>
        <translation>Каждое изменение нужно подтвердить, введя имя базы данных</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read-write</source>
        <translation>чтение и запись</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Citus %1, %n worker(s)</source>
        <translation>
            <numerusform>Citus %1, %n рабочий узел</numerusform>
            <numerusform>Citus %1, %n рабочих узла</numerusform>
            <numerusform>Citus %1, %n рабочих узлов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n worker(s) inactive</source>
        <translation>
            <numerusform>%n рабочий узел неактивен</numerusform>
            <numerusform>%n рабочих узла неактивны</numerusform>
            <numerusform>%n рабочих узлов неактивны</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pool %1/%2</source>
        <translation>пул %1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 connections open, %2 idle, %3 requests waiting</source>
        <translation>соединений открыто: %1, свободно: %2, запросов в очереди: %3</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/test_panel.py" line="+44"/>
        <source>&amp;Test connection</source>
        <translation>Пр&amp;оверить подключение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel test</source>
        <translation>Прервать проверку</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Testing needs the database gateway</source>
        <translation>Для проверки нужен шлюз к базе данных</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>PostgreSQL %1 — %2 ms round trip</source>
        <translation>PostgreSQL %1 — отклик %2 мс</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Test cancelled.</source>
        <translation>Проверка прервана.</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/findings.py" line="+227"/>
        <source>table</source>
        <translation>таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view</source>
        <translation>представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>materialized view</source>
        <translation>материализованное представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foreign table</source>
        <translation>внешняя таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequence</source>
        <translation>последовательность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partitioned table</source>
        <translation>секционированная таблица</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/actions.py" line="+33"/>
        <source>table {name}</source>
        <translation>таблицу {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view {name}</source>
        <translation>представление {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>materialized view {name}</source>
        <translation>материализованное представление {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foreign table {name}</source>
        <translation>внешнюю таблицу {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partitioned table {name}</source>
        <translation>секционированную таблицу {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequence {name}</source>
        <translation>последовательность {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function {name}</source>
        <translation>функцию {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>procedure {name}</source>
        <translation>процедуру {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aggregate {name}</source>
        <translation>агрегатную функцию {name}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>database {name}</source>
        <translation>базу данных {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schema {name}</source>
        <translation>схему {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the tables of schema {name}</source>
        <translation>таблицы схемы {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sequences of schema {name}</source>
        <translation>последовательности схемы {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the functions of schema {name}</source>
        <translation>функции схемы {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Accept the new checksum of {file}</source>
        <translation>Принять новую контрольную сумму {file}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>grant {privs} on {target} to PUBLIC</source>
        <translation>выдать {privs} на {target} для PUBLIC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke {privs} on {target} from PUBLIC</source>
        <translation>отозвать {privs} на {target} у PUBLIC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grant {privs} on {target} to {role}</source>
        <translation>выдать {privs} на {target} роли {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke {privs} on {target} from {role}</source>
        <translation>отозвать {privs} на {target} у роли {role}</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>fix convention findings</source>
        <translation>исправить нарушения соглашения</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>run as {role}</source>
        <translation>выполнить от имени {role}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>create role {role}</source>
        <translation>создать роль {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create role {role} (can log in)</source>
        <translation>создать роль {role} (с правом входа)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make {role} the owner of schema {name}</source>
        <translation>сделать {role} владельцем схемы {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make {role} the owner of {object}</source>
        <translation>сделать {role} владельцем {object}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>transaction advisory lock {key}</source>
        <translation>рекомендательная блокировка транзакции {key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session advisory lock {key}</source>
        <translation>рекомендательная блокировка сеанса {key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>catalog row locks of the objects named (brief)</source>
        <translation>кратковременные блокировки строк каталога для указанных объектов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row locks of {table} and the locks of each DDL statement (Alembic takes no advisory lock)</source>
        <translation>блокировки строк {table} и блокировки, которые берёт каждая команда DDL (своей рекомендательной блокировки Alembic не берёт)</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Rehearse %n migration(s)</source>
        <translation>
            <numerusform>Пробный прогон %n миграции</numerusform>
            <numerusform>Пробный прогон %n миграций</numerusform>
            <numerusform>Пробный прогон %n миграций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Apply %n migration(s)</source>
        <translation>
            <numerusform>Применить %n миграцию</numerusform>
            <numerusform>Применить %n миграции</numerusform>
            <numerusform>Применить %n миграций</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/reasons.py" line="+15"/>
        <source>(granted by {role})</source>
        <translation>(выдал {role})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>as superuser</source>
        <translation>как суперпользователь</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>via PUBLIC</source>
        <translation>через PUBLIC</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>as owner</source>
        <translation>как владелец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as owner, via membership {path}</source>
        <translation>как владелец, через членство {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct grant</source>
        <translation>выдано напрямую</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>via predefined role {path}</source>
        <translation>через предопределённую роль {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>via membership {path}</source>
        <translation>через членство {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{privilege}: not held</source>
        <translation>{privilege}: нет</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>table rights are unusable without USAGE on the schema</source>
        <translation>без USAGE на схему права на таблицы не действуют</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_migrations.py" line="+41"/>
        <source>inside a comment</source>
        <translation>внутри комментария</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inside a string literal</source>
        <translation>внутри строкового литерала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inside a quoted identifier</source>
        <translation>внутри идентификатора в кавычках</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inside a $$ body</source>
        <translation>внутри тела $$</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_alembic.py" line="+11"/>
        <source>{table}: the login may not read the version table</source>
        <translation>{table}: у пользователя нет права читать таблицу версий</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{table} records revision {rev}, which the script directory does not have: Alembic cannot upgrade this schema until the file is back</source>
        <translation>в {table} записана ревизия {rev}, которой нет в каталоге скриптов: Alembic не сможет обновить эту схему, пока файл не вернётся</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{table} records revision {rev} ({file}), which is not on branch {branch}: was it run with the wrong -x schema?</source>
        <translation>в {table} записана ревизия {rev} ({file}), не принадлежащая ветке {branch}: возможно, её запускали с неверным -x schema?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>found in the database ({table}); no Alembic configuration in the project: current heads only</source>
        <translation>найден в базе данных ({table}); в проекте нет конфигурации Alembic: показаны только текущие head-ревизии</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alembic is not installed (cannot import {names}): only the version tables&apos; state can be shown; to preview and apply revisions: {hint}</source>
        <translation>Alembic не установлен (не удаётся импортировать {names}): можно показать только состояние таблиц версий; чтобы просматривать и применять ревизии, выполните {hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alembic is not installed: only the version tables&apos; state can be shown; to preview and apply revisions: {hint}</source>
        <translation>Alembic не установлен: можно показать только состояние таблиц версий; чтобы просматривать и применять ревизии, выполните {hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>module {module}: cannot read the script directory: {error}</source>
        <translation>модуль {module}: не удаётся прочитать каталог скриптов: {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module} was found in the database only: no Alembic configuration</source>
        <translation>модуль {module} найден только в базе данных: конфигурации Alembic нет</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>module {module}: {target} names no revision</source>
        <translation>модуль {module}: {target} не указывает ни на одну ревизию</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module}: no revision declares the branch label {branch} (branch_labels = ({branch},) in its first revision)</source>
        <translation>модуль {module}: ни одна ревизия не объявляет метку ветки {branch} (нужно branch_labels = ({branch},) в её первой ревизии)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>branch {branch} does not belong to schema {schema}: its first revision ({files}) creates schema {others}; running it with -x schema={bare} would record {branch}&apos;s revisions in {table}</source>
        <translation>ветка {branch} не относится к схеме {schema}: её первая ревизия ({files}) создаёт схему {others}; запуск с -x schema={bare} записал бы ревизии ветки {branch} в {table}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot tell that branch {branch} belongs to schema {schema}: its first revision ({files}) creates no schema; pair them in schemadesk.toml</source>
        <translation>не видно, что ветка {branch} относится к схеме {schema}: её первая ревизия ({files}) не создаёт схему; свяжите их в schemadesk.toml</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file} (branch {branch}, pulled in by depends_on) is already recorded in {table}: upgrading {module} runs it again</source>
        <translation>{file} (ветка {branch}, подтянута через depends_on) уже записана в {table}: обновление {module} выполнит её ещё раз</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the version table holds several heads of this branch ({heads}): the offline SQL starts from {first} only and may show revisions already applied</source>
        <translation>в таблице версий несколько head-ревизий этой ветки ({heads}): офлайн-SQL строится только от {first} и может включать уже применённые ревизии</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>schema {schema} does not exist yet: in offline mode Alembic writes the version table {table} before the first revision&apos;s CREATE SCHEMA, so this SQL fails when run as a script; the upgrade itself works only if env.py creates the schema before Alembic&apos;s version table</source>
        <translation>схемы {schema} ещё нет: в офлайн-режиме Alembic создаёт таблицу версий {table} раньше, чем выполняется CREATE SCHEMA первой ревизии, поэтому как скрипт этот SQL завершится ошибкой; само обновление сработает, только если env.py создаёт схему раньше таблицы версий Alembic</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{table} also records {rev} ({file}), not on branch {branch}</source>
        <translation>в {table} записана также ревизия {rev} ({file}) не из ветки {branch}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file} (another branch, pulled in by depends_on) runs too and is recorded in {table}</source>
        <translation>{file} (другая ветка, подтянута через depends_on) тоже выполнится и будет записана в {table}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>env.py connects on its own: schemadesk points sqlalchemy.url (and url_env) at this profile&apos;s database and refuses any connection elsewhere; no rehearsal</source>
        <translation>env.py подключается сам: schemadesk направляет sqlalchemy.url (и url_env) на базу данных этого профиля и отклоняет любое подключение к другой базе; репетиция невозможна</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>module {module}: no scripts to preview ({reasons})</source>
        <translation>модуль {module}: нет скриптов для предпросмотра ({reasons})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module}: {table} records {revs}, unknown to the script directory: nothing can run</source>
        <translation>модуль {module}: в {table} записаны ревизии {revs}, которых нет в каталоге скриптов: выполнить ничего нельзя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>module {module}: {table} changed since it was read (it held {was}, now {now}); nothing was run: refresh and review the plan again</source>
        <translation>модуль {module}: таблица {table} изменилась после чтения (было: {was}, стало: {now}); ничего не выполнено: обновите данные и заново просмотрите план</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>module {module}: nothing to apply ({reasons})</source>
        <translation>модуль {module}: применять нечего ({reasons})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module}: the version table records {revs}, unknown to the scripts: nothing was run</source>
        <translation>модуль {module}: в таблице версий записаны ревизии {revs}, которых нет среди скриптов: ничего не выполнено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>module {module}: env.py opens its own connections and commits on them: schemadesk cannot roll its revisions back, so it does not rehearse them (reading config.attributes[&apos;connection&apos;] in env.py makes rehearsal possible)</source>
        <translation>модуль {module}: env.py открывает собственные подключения и фиксирует в них изменения: schemadesk не может откатить его ревизии и потому не репетирует их (репетиция возможна, если env.py читает config.attributes[&apos;connection&apos;])</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>module {module}: {path}: no such file</source>
        <translation>модуль {module}: {path}: файл не найден</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_migrations.py" line="-24"/>
        <source>The file changed after it was applied; the changed text is NOT run: only the ledger&apos;s checksum is updated.</source>
        <translation>Файл изменился после применения. Изменённый текст НЕ выполняется: обновляется только контрольная сумма в журнале миграций.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{ph} is not a pgdbm placeholder and is sent to the server as it is (pgdbm knows {{schema}}, {{tables.name}} and {{tables.schema.name}}, no spaces)</source>
        <translation>{ph} — не подстановка pgdbm и уходит на сервер как есть (pgdbm понимает {{schema}}, {{tables.name}} и {{tables.schema.name}}, без пробелов)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{ph} is {place}; pgdbm replaces it there too</source>
        <translation>{ph} стоит {place}; pgdbm подставит значение и там</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>empty file; pgdbm refuses it</source>
        <translation>пустой файл; pgdbm его не примет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file name holds a control character ({name}): rename the file</source>
        <translation>в имени файла есть управляющий символ ({name}): переименуйте файл</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>holds the control character {char} (shown escaped; a terminal printing the file as is would act on it): check what the file really says</source>
        <translation>содержит управляющий символ {char} (показан экранированным; терминал, выводящий файл как есть, выполнил бы его): проверьте, что на самом деле написано в файле</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>is a symlink loop; pgdbm skips it silently</source>
        <translation>символическая ссылка зациклена; pgdbm молча пропускает её</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a symlink to nothing; pgdbm skips it silently</source>
        <translation>символическая ссылка ведёт в никуда; pgdbm молча пропускает её</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Migration file &apos;{path}&apos; is outside the migrations directory</source>
        <translation>Файл миграции &apos;{path}&apos; находится вне папки миграций</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>this changes schema public, which every role uses by default: revoking PUBLIC&apos;s USAGE or CREATE there takes it from every other role at once (their queries of unqualified names and their migrations into public start failing with &apos;permission denied for schema public&apos;), and a new owner of public decides who may use it from then on</source>
        <translation>это меняет схему public, которой по умолчанию пользуется каждая роль: отзыв USAGE или CREATE у PUBLIC там сразу отнимает их у всех остальных ролей (их запросы к неуточнённым именам и их миграции в public начинают падать с &apos;permission denied for schema public&apos;), а новый владелец public с этого момента решает, кто может ею пользоваться</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>{committed} of {statements} statements of {file} were committed; no ledger row was written; the file must be fixed to be re-runnable</source>
        <translation>зафиксировано команд из {file}: {committed} из {statements}; строка журнала не записана; файл нужно исправить, чтобы его можно было выполнить снова</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>starts with a UTF-8 byte order mark; pgdbm sends it to the server, which fails on it: save the file without BOM</source>
        <translation>файл начинается с метки порядка байтов UTF-8 (BOM); pgdbm отправит её на сервер, и запрос завершится ошибкой: сохраните файл без BOM</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not UTF-8 (byte 0x{byte} at offset {offset}); pgdbm cannot read it</source>
        <translation>не UTF-8 (байт 0x{byte} по смещению {offset}); pgdbm не сможет его прочитать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{keyword} in a migration that runs in one transaction: it would end or nest that transaction, so the file and its ledger row would no longer be applied together (and a rehearsal could commit). Remove it; if the file must control its own transactions, mark it with a line &apos;-- pgdbm:no-transaction&apos; (it then runs statement by statement)</source>
        <translation>{keyword} в миграции, которая выполняется в одной транзакции: он завершил бы эту транзакцию или открыл бы вложенную, и файл перестал бы применяться вместе со своей строкой журнала миграций (а репетиция могла бы зафиксировать изменения). Уберите его; если файл должен сам управлять транзакциями, добавьте в него строку &apos;-- pgdbm:no-transaction&apos; (тогда он выполняется по одной инструкции)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{keyword} in a migration that runs in one transaction changes the session, not only this migration: it outlives the migration&apos;s transaction. Use SET LOCAL (SET LOCAL ROLE, SET LOCAL search_path ...) to keep it to this migration</source>
        <translation>{keyword} в миграции, которая выполняется в одной транзакции, меняет сеанс, а не только эту миграцию: действие переживает транзакцию миграции. Используйте SET LOCAL (SET LOCAL ROLE, SET LOCAL search_path ...), чтобы ограничить его этой миграцией</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>migrations folder {path} not found</source>
        <translation>папка миграций {path} не найдена</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>changed after it was applied (recorded {recorded}, file {file}); accept the new checksum first</source>
        <translation>файл изменился после применения (в журнале {recorded}, в файле {file}); сначала примите новую контрольную сумму</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>-- pgdbm:no-transaction file on what looks like a transaction pooler (pgbouncer, -pooler): the session lock and autocommit statements are not safe there; use a direct connection</source>
        <translation>файл с -- pgdbm:no-transaction, а подключение похоже на пул транзакций (pgbouncer, -pooler): сеансовая блокировка и команды в режиме autocommit там небезопасны; подключитесь к серверу напрямую</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>schema {name} has capital letters: pgdbm quotes it in templates but not in its ledger (it would look for {lower}); schemadesk keeps the ledger in the real schema</source>
        <translation>в имени схемы {name} есть заглавные буквы: pgdbm берёт его в кавычки в шаблонах, но не в журнале миграций (он искал бы {lower}); schemadesk ведёт журнал миграций в настоящей схеме</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>invalid schema name {name}: pgdbm refuses it (letters, digits, underscores, not starting with a digit, at most 63 characters)</source>
        <translation>недопустимое имя схемы {name}: pgdbm его не примет (буквы, цифры и _, не с цифры, не длиннее 63 символов)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>invalid schema name {name} in {ph}: pgdbm refuses to render the file (names start with a letter or underscore, then letters, digits, underscores, at most 63 characters)</source>
        <translation>недопустимое имя схемы {name} в {ph}: pgdbm откажется обрабатывать файл (имя начинается с буквы или _, дальше буквы, цифры и _, не длиннее 63 символов)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>invalid table name {name} in {ph}: pgdbm refuses to render the file (names start with a letter or underscore, then letters, digits, underscores, at most 63 characters)</source>
        <translation>недопустимое имя таблицы {name} в {ph}: pgdbm откажется обрабатывать файл (имя начинается с буквы или _, дальше буквы, цифры и _, не длиннее 63 символов)</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_alembic.py" line="+61"/>
        <source>no revision</source>
        <translation>ни одной ревизии</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/messages.py" line="+17"/>
        <source>the server asks for a password and none was given (keyring, ~/.pgpass or prompt)</source>
        <translation>сервер требует пароль, а он не указан (связка ключей ОС, ~/.pgpass или запрос пароля)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connection refused (is the server running and accepting TCP/IP connections on that port?)</source>
        <translation>в подключении отказано (запущен ли сервер и принимает ли он TCP/IP-подключения на этом порту?)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown host name</source>
        <translation>неизвестное имя хоста</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timed out (host unreachable or firewalled)</source>
        <translation>время ожидания истекло (хост недоступен или закрыт межсетевым экраном)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no server listening on that local socket (is it running?)</source>
        <translation>на этом локальном сокете сервер не слушает (запущен ли он?)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown error</source>
        <translation>неизвестная ошибка</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot connect to {target}: {reason}</source>
        <translation>не удалось подключиться к {target}: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot open a pool to {target}: {error}</source>
        <translation>не удалось открыть пул подключений к {target}: {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>waiting for the migration lock of module {module}</source>
        <translation>ожидание блокировки миграций модуля {module}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../src/schemadesk/ui/core_texts/problems_db.py" line="+58"/>
        <source>from {client}</source>
        <translation>с адреса {client}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for the migration lock of module {module}, held by pid {pid} ({who}) since {since}: {query}</source>
        <translation>ожидание блокировки миграций модуля {module}: её держит pid {pid} ({who}) с {since}: {query}</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/refusals.py" line="+10"/>
        <source>{schema} is a system schema (pg_*, information_schema): schemadesk changes neither its owner nor its rights, on which every role relies</source>
        <translation>{schema} — системная схема (pg_*, information_schema): schemadesk не меняет ни её владельца, ни права на неё, на которые полагается каждая роль</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name {name} is {size} bytes long; PostgreSQL keeps only the first {limit} bytes of a name and would silently create a different one: choose a shorter name</source>
        <translation>имя {name} длиной {size} байт; PostgreSQL сохраняет только первые {limit} байта имени и молча создал бы другое: выберите имя короче</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_config.py" line="+11"/>
        <source>no module named {name} in the project (known: {known})</source>
        <translation>в проекте нет модуля {name} (известны: {known})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: no such project file</source>
        <translation>{path}: файл проекта не найден</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: no [[modules]] tables</source>
        <translation>{path}: нет таблиц [[modules]]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: [[modules]] entries must be tables</source>
        <translation>{path}: элементы [[modules]] должны быть таблицами</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: two modules named {names}</source>
        <translation>{path}: два модуля с именем {names}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{root}: no {file} and no migrations folder found (looked for services/&lt;name&gt;/migrations, migrations/&lt;name&gt;/ and migrations/); give --project or --migrations DIR --schema S</source>
        <translation>{root}: нет ни {file}, ни папки миграций (искали services/&lt;name&gt;/migrations, migrations/&lt;name&gt;/ и migrations/); укажите --project или --migrations DIR --schema S</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: {key} is required (a string)</source>
        <translation>{where}: {key} обязателен (строка)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: {key} must be a string</source>
        <translation>{where}: {key} должен быть строкой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: &apos;search_path&apos; must be a list of schema names</source>
        <translation>{where}: &apos;search_path&apos; должен быть списком имён схем</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: kind {kind} is not supported (known: pgdbm)</source>
        <translation>{where}: вид {kind} не поддерживается (известен: pgdbm)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: pool must be &apos;own&apos; or &apos;shared&apos;, not {pool}</source>
        <translation>{where}: pool должен быть &apos;own&apos; или &apos;shared&apos;, а не {pool}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: ledger table name {ledger} is not a plain identifier</source>
        <translation>{where}: имя таблицы журнала {ledger} не является простым идентификатором</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: schema {schema} is not a name pgdbm accepts (letters, digits, underscores, not starting with a digit, at most 63 characters)</source>
        <translation>{where}: схема {schema} — имя, которое pgdbm не принимает (буквы, цифры, подчёркивания, не с цифры в начале, не длиннее 63 символов)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}: module_name is longer than the ledger&apos;s 100 characters</source>
        <translation>{where}: module_name длиннее 100 символов, допустимых в журнале</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../src/schemadesk/ui/core_texts/problems_reports.py" line="+106"/>
        <source>{path}: cannot read: {reason}</source>
        <translation>{path}: не удаётся прочитать: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: must be a table</source>
        <translation>{where}: должно быть таблицей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: unknown key(s) {keys}</source>
        <translation>{where}: неизвестные ключи: {keys}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a connection profile needs a name</source>
        <translation>у профиля подключения должно быть имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>profile {name}: the conninfo holds a password; store passwords in the OS keyring or ~/.pgpass, never in a profile</source>
        <translation>профиль {name}: в conninfo есть пароль; храните пароли в связке ключей ОС или в ~/.pgpass, но никогда в профиле</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>profile {name}: through an SSH tunnel the server must be one TCP host and port (not {host} port {port})</source>
        <translation>профиль {name}: через SSH-туннель сервер должен быть одним TCP-хостом и портом (а не {host} порт {port})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: [profiles] must be a table</source>
        <translation>{path}: [profiles] должно быть таблицей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no profile named {name} in {path} (known: {known})</source>
        <translation>в {path} нет профиля {name} (известны: {known})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: [profiles.{name}] must be a table</source>
        <translation>{path}: [profiles.{name}] должно быть таблицей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: profile {name} has a password key; passwords belong in the OS keyring or ~/.pgpass — remove it</source>
        <translation>{path}: у профиля {name} есть ключ password; пароли хранятся в связке ключей ОС или в ~/.pgpass — удалите его</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: profile {name}: unknown key(s) {keys}</source>
        <translation>{path}: профиль {name}: неизвестные ключи: {keys}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: &apos;x&apos; must be a list of &quot;key=value&quot; strings</source>
        <translation>{where}: &apos;x&apos; должен быть списком строк &quot;key=value&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;x&apos; must not set {key}= (schemadesk passes each schema)</source>
        <translation>{where}: &apos;x&apos; не должен задавать {key}= (schemadesk передаёт каждую схему сам)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;schema_x&apos; must be an -x key such as &quot;tenant&quot;</source>
        <translation>{where}: &apos;schema_x&apos; должен быть ключом -x, например &quot;tenant&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [alembic]: &apos;config&apos; is required with schema_version_tables</source>
        <translation>{path}: [alembic]: при schema_version_tables нужен &apos;config&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [alembic]: schema {schema} clashes with a module name</source>
        <translation>{path}: [alembic]: схема {schema} совпадает с именем модуля</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;version_table_schema&apos; must be a string</source>
        <translation>{where}: &apos;version_table_schema&apos; должен быть строкой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: schema_version_tables must map schema names to table names</source>
        <translation>{where}: schema_version_tables должен сопоставлять именам схем имена таблиц</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;config&apos; is required (the alembic.ini or pyproject.toml, relative to the project file), or set it once in [alembic]</source>
        <translation>{where}: нужен &apos;config&apos; (alembic.ini или pyproject.toml, путь относительно файла проекта) или один общий в [alembic]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}: {key} must name an environment variable, not {value}</source>
        <translation>{where}: {key} должен быть именем переменной окружения, а не {value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;config&apos; must be a path (a string)</source>
        <translation>{where}: &apos;config&apos; должен быть путём (строкой)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: config {value} is neither an alembic.ini nor a .toml file</source>
        <translation>{where}: config {value} — не alembic.ini и не файл .toml</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {what} {name} is empty or longer than 63 bytes</source>
        <translation>{where}: имя ({what}) {name} пустое или длиннее 63 байт</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schema</source>
        <translation>схема</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>version table</source>
        <translation>таблица версий</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>version table schema</source>
        <translation>схема таблицы версий</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [alembic]: &apos;tenants&apos; must be [[alembic.tenants]] tables</source>
        <translation>{path}: [alembic]: &apos;tenants&apos; должен быть таблицами [[alembic.tenants]]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [[alembic.tenants]]: two groups share a name</source>
        <translation>{path}: [[alembic.tenants]]: у двух групп одинаковое имя</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;name&apos; must be a non-empty string</source>
        <translation>{where}: &apos;name&apos; должен быть непустой строкой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;config&apos; is required (or set it once in [alembic])</source>
        <translation>{where}: нужен &apos;config&apos; (или один общий в [alembic])</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;schemas&apos; is required: a list, a pattern or &quot;discover&quot;</source>
        <translation>{where}: нужен &apos;schemas&apos;: список, шаблон или &quot;discover&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;schemas&apos; names a schema twice</source>
        <translation>{where}: в &apos;schemas&apos; схема названа дважды</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;schemas&apos; must be a list of names, a pattern or &quot;discover&quot;</source>
        <translation>{where}: &apos;schemas&apos; должен быть списком имён, шаблоном или &quot;discover&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {key} must be a non-empty string</source>
        <translation>{where}: {key} должен быть непустой строкой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {key} may hold {mark} and nothing else in braces</source>
        <translation>{where}: {key} может содержать в фигурных скобках только {mark}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SSH host {host}: give a host name or ~/.ssh/config alias</source>
        <translation>SSH-хост {host}: укажите имя хоста или псевдоним из ~/.ssh/config</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SSH port {port}: must be between 1 and 65535</source>
        <translation>SSH-порт {port}: должен быть от 1 до 65535</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[ssh] must be a table</source>
        <translation>[ssh] должно быть таблицей</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[ssh] holds a secret; SSH passwords belong in the OS keyring</source>
        <translation>[ssh] содержит секрет; пароли SSH хранятся в связке ключей ОС</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[ssh]: unknown key(s) {keys}</source>
        <translation>[ssh]: неизвестные ключи: {keys}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[ssh]: {key} must be a {type}</source>
        <translation>[ssh]: {key} должен иметь тип {type}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} {text}: expected [user@]host[:port]</source>
        <translation>{what} {text}: ожидается [user@]host[:port]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} {text}: the port must be a number from 1 to 65535</source>
        <translation>{what} {text}: порт должен быть числом от 1 до 65535</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_actions.py" line="+12"/>
        <source>profile {name} is read-only: {action} refused</source>
        <translation>профиль {name} только для чтения: действие «{action}» отклонено</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>apply</source>
        <translation>применение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rehearsal</source>
        <translation>репетиция</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rollout</source>
        <translation>развёртывание</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the change</source>
        <translation>изменение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the move</source>
        <translation>перенос</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>accepting a checksum</source>
        <translation>принятие контрольной суммы</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alembic upgrade</source>
        <translation>обновление Alembic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alembic rehearsal</source>
        <translation>репетиция Alembic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--run-as owner needs a plan whose schemas have one owner</source>
        <translation>--run-as owner требует плана, у схем которого один владелец</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--run-as owner needs a schema (--schema) whose owner to run as</source>
        <translation>--run-as owner требует схему (--schema), от имени владельца которой выполнять</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the login {login} may not SET ROLE to the owner {owner}</source>
        <translation>логин {login} не может выполнить SET ROLE на владельца {owner}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the login {login} may not SET ROLE to {role}</source>
        <translation>логин {login} не может выполнить SET ROLE на {role}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the catalog is of database {database}, not {schema}</source>
        <translation>каталог относится к базе данных {database}, а не {schema}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schema {schema} does not exist</source>
        <translation>схема {schema} не существует</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>function {schema}.{name} is overloaded; grant on all functions of the schema instead</source>
        <translation>функция {schema}.{name} перегружена; выдайте права на все функции схемы</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{schema}.{name} does not exist (or is not of that kind)</source>
        <translation>{schema}.{name} не существует (или это объект другого вида)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{module}/{file} is not drifted: nothing to accept</source>
        <translation>{module}/{file} не расходится с журналом: принимать нечего</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {keyword} controls the transaction; a rehearsal runs every migration in one transaction that it rolls back, and this statement would end it (committing what ran before it): nothing was run. If the file means to manage transactions, mark it -- pgdbm:no-transaction</source>
        <translation>{where}: {keyword} управляет транзакцией; репетиция выполняет все миграции в одной транзакции и откатывает её, а эта команда завершила бы её (зафиксировав то, что выполнено до неё): ничего не выполнено. Если файл сам управляет транзакциями, пометьте его -- pgdbm:no-transaction</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot read {where}: {reason}</source>
        <translation>не удаётся прочитать {where}: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no stage named {name} in the targets (known: {known})</source>
        <translation>среди целей нет этапа {name} (известны: {known})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: {key} must be a whole number of at least 1</source>
        <translation>{where}: {key} должен быть целым числом не меньше 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: no such targets file</source>
        <translation>{path}: файл целей не найден</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [[targets]] #{number} ({target}): stage {stage} is not one of the [[rollout.stages]] ({stages})</source>
        <translation>{path}: [[targets]] #{number} ({target}): этапа {stage} нет среди [[rollout.stages]] ({stages})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: [[rollout.stages]] must be a list of tables</source>
        <translation>{path}: [[rollout.stages]] должен быть списком таблиц</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: a second stage named {name}</source>
        <translation>{where}: второй этап с именем {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [[rollout.tenants]] must be a list of tables</source>
        <translation>{path}: [[rollout.tenants]] должен быть списком таблиц</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;schemas&apos; must be a pattern or a list of schema names</source>
        <translation>{where}: &apos;schemas&apos; должен быть шаблоном или списком имён схем</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: schema {schema} is not a name pgdbm accepts (letters, digits, underscores, not starting with a digit, at most 63 characters; no pg_*)</source>
        <translation>{where}: схема {schema} — имя, которое pgdbm не принимает (буквы, цифры, подчёркивания, не с цифры в начале, не длиннее 63 символов; не pg_*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: no [[targets]] tables</source>
        <translation>{path}: нет таблиц [[targets]]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: give &apos;profile&apos; or &apos;dsn&apos; (one of them)</source>
        <translation>{where}: укажите &apos;profile&apos; или &apos;dsn&apos; (что-то одно)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: a second target named {name}</source>
        <translation>{where}: вторая цель с именем {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: &apos;dsn&apos; is not a libpq conninfo or URI</source>
        <translation>{where}: &apos;dsn&apos; не является conninfo или URI libpq</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: the dsn holds a password; use ~/.pgpass, PGPASSFILE or a saved profile with its password in the keyring, never a targets file</source>
        <translation>{where}: в dsn есть пароль; используйте ~/.pgpass, PGPASSFILE или сохранённый профиль с паролем в связке ключей, но никогда не файл целей</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>module {module}: {target}: {error}</source>
        <translation>модуль {module}: {target}: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alembic module {module}: cannot apply ({problems})</source>
        <translation>модуль Alembic {module}: применить нельзя ({problems})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no Alembic module named {names}</source>
        <translation>нет модуля Alembic с именем {names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no targets to roll out to</source>
        <translation>нет целей для развёртывания</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--map {text}: give SOURCE=TARGET (a schema of A = one of B)</source>
        <translation>--map {text}: укажите SOURCE=TARGET (схема A = схема B)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--map {text}: only one side may be a pattern</source>
        <translation>--map {text}: шаблоном может быть только одна сторона</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--map {text}: no schema of --to matches {pattern}</source>
        <translation>--map {text}: ни одна схема --to не подходит под {pattern}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schema {name} does not exist in {side}</source>
        <translation>схемы {name} нет в {side}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: unknown key {key} (known: {known})</source>
        <translation>{source}: неизвестный ключ {key} (известны: {known})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: rw_settings must be a table of name = value</source>
        <translation>{source}: rw_settings должен быть таблицей вида имя = значение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: {key} must be a non-empty string</source>
        <translation>{source}: {key} должен быть непустой строкой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: {key} must be true or false</source>
        <translation>{source}: {key} должен быть true или false</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: {key} must be a list of strings</source>
        <translation>{source}: {key} должен быть списком строк</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: [conventions] must be a table</source>
        <translation>{path}: [conventions] должно быть таблицей</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schema {schema} belongs to extension {extension}: the extension manages its owner and rights, schemadesk does not change them</source>
        <translation>схема {schema} принадлежит расширению {extension}: её владельцем и правами управляет расширение, schemadesk их не меняет</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>schema {schema} is a system schema: schemadesk does not change it</source>
        <translation>схема {schema} системная: schemadesk её не меняет</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_reports.py" line="-92"/>
        <source>unknown report format {fmt}: html or md</source>
        <translation>неизвестный формат отчёта {fmt}: html или md</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: cannot read the review report: {reason}</source>
        <translation>{path}: не удаётся прочитать отчёт о проверке: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: cannot write the review report: {reason}</source>
        <translation>{path}: не удаётся записать отчёт о проверке: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: not a schemadesk review report (no manifest in it)</source>
        <translation>{path}: это не отчёт о проверке schemadesk (в нём нет манифеста)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: the report&apos;s manifest is damaged</source>
        <translation>{path}: манифест отчёта повреждён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: the report&apos;s manifest is damaged ({why})</source>
        <translation>{path}: манифест отчёта повреждён ({why})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: not a {format} manifest</source>
        <translation>{path}: это не манифест {format}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: the report was edited after it was written: its manifest hashes to {actual}, the report states {stated}</source>
        <translation>{path}: отчёт изменён после записи: хеш его манифеста {actual}, а в отчёте указан {stated}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: the report&apos;s visible text was edited after it was written (its SHA-256 no longer matches the one recorded with the manifest)</source>
        <translation>{path}: видимый текст отчёта изменён после записи (его SHA-256 не совпадает с записанным вместе с манифестом)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path}: the report&apos;s visible text was edited after it was written</source>
        <translation>{path}: видимый текст отчёта изменён после записи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: the report&apos;s visible text does not show its manifest (edited after it was written)</source>
        <translation>{path}: видимый текст отчёта не соответствует его манифесту (изменён после записи)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not a {format} manifest</source>
        <translation>это не манифест {format}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no {key}</source>
        <translation>нет ключа {key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{key} is {type}</source>
        <translation>{key} имеет тип {type}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{key} holds a non-text item</source>
        <translation>{key} содержит нетекстовый элемент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{key} holds a non-object item</source>
        <translation>{key} содержит элемент, который не является объектом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;texts&apos; is not an object</source>
        <translation>&apos;texts&apos; не является объектом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it holds more, or other, than its format describes</source>
        <translation>в нём больше или иное, чем описывает его формат</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: content SHA-256 {actual}, approved {approved}: not the approved report</source>
        <translation>{path}: SHA-256 содержимого {actual}, утверждён {approved}: это не утверждённый отчёт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the planned change differs from the review in {path} ({n} difference(s)); nothing was run: {differences}</source>
        <translation>планируемое изменение отличается от проверенного в {path} (различий: {n}); ничего не выполнено: {differences}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the report reviews {reviewed}, this is {planned}</source>
        <translation>отчёт проверяет {reviewed}, а здесь {planned}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target database {planned}, reviewed {reviewed}</source>
        <translation>целевая база данных {planned}, проверена {reviewed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target server {planned}, reviewed {reviewed}</source>
        <translation>целевой сервер {planned}, проверен {reviewed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>runs as {planned}, reviewed {reviewed}</source>
        <translation>выполняется от имени {planned}, проверено от имени {reviewed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{step}: reviewed, but no longer planned (removed)</source>
        <translation>{step}: проверен, но больше не запланирован (удалён)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{step}: planned, but not in the report (added)</source>
        <translation>{step}: запланирован, но отсутствует в отчёте (добавлен)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{step}: the file changed since the review (checksum {planned}, reviewed {reviewed})</source>
        <translation>{step}: файл изменился после проверки (контрольная сумма {planned}, проверена {reviewed})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{step}: different SQL ({how})</source>
        <translation>{step}: другой SQL ({how})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>line {line} reads {planned}, reviewed {reviewed}</source>
        <translation>строка {line}: {planned}, проверено {reviewed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{planned} line(s), reviewed {reviewed}</source>
        <translation>строк: {planned}, проверено: {reviewed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whitespace differs</source>
        <translation>различаются пробелы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the steps run in another order than reviewed</source>
        <translation>шаги выполняются в ином порядке, чем проверено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}: not a {rollout} or {single} manifest</source>
        <translation>{path}: это не манифест {rollout} или {single}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the rollout differs from the review in {path} ({n} difference(s)); nothing was run: {differences}{more}</source>
        <translation>развёртывание отличается от проверенного в {path} (различий: {n}); ничего не выполнено: {differences}{more}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; and {n} more</source>
        <translation>; и ещё {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{target}: {file} is not in the review</source>
        <translation>{target}: {file} нет в проверенном отчёте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{target}: {file} changed since the review (checksum {planned}…, reviewed {reviewed}…)</source>
        <translation>{target}: {file} изменился после проверки (контрольная сумма {planned}…, проверена {reviewed}…)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{target}: the target is not in the review ({file} and {n} more migration(s) unreviewed)</source>
        <translation>{target}: цели нет в проверенном отчёте ({file} и ещё непроверенных миграций: {n})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{target}: the target is {planned}, reviewed {reviewed}</source>
        <translation>{target}: цель — {planned}, проверена {reviewed}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no audit record #{number}: {path} holds {n} record(s)</source>
        <translation>нет записи аудита №{number}: записей в {path}: {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no audit record(s) with an id starting {text} in {path}</source>
        <translation>нет записей аудита с id, начинающимся на {text}, в {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} audit record(s) with an id starting {text} in {path}</source>
        <translation>записей аудита с id, начинающимся на {text}, в {path}: {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not an audit record: {why}</source>
        <translation>это не запись аудита: {why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a message: {data}</source>
        <translation>это не сообщение: {data}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not the parameters of a message: {params}</source>
        <translation>это не параметры сообщения: {params}</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_acl.py" line="+12"/>
        <source>unterminated quoted name in aclitem {text}</source>
        <translation>незакрытое имя в кавычках в aclitem {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aclitem {text}: expected &apos;=&apos; after the grantee</source>
        <translation>aclitem {text}: после получателя прав ожидался знак «=»</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aclitem {text}: unknown privilege letter {letter}</source>
        <translation>aclitem {text}: неизвестная буква права {letter}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aclitem {text}: no grantor</source>
        <translation>aclitem {text}: не указан, кто выдал право</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aclitem {text}: trailing text after the grantor</source>
        <translation>aclitem {text}: лишний текст после того, кто выдал право</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not an array literal: {text}</source>
        <translation>это не литерал массива: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unterminated element in array literal {text}</source>
        <translation>незакрытый элемент в литерале массива {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>malformed array literal {text}</source>
        <translation>неверный литерал массива {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{privilege} is not a privilege on {what} (known: {known}, ALL)</source>
        <translation>{privilege} — не право на {what} (известные: {known}, ALL)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>database</source>
        <comment>a privilege on</comment>
        <translation>базу данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schema</source>
        <comment>a privilege on</comment>
        <translation>схему</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tables</source>
        <comment>a privilege on</comment>
        <translation>таблицы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequences</source>
        <comment>a privilege on</comment>
        <translation>последовательности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>functions</source>
        <comment>a privilege on</comment>
        <translation>функции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>types</source>
        <comment>a privilege on</comment>
        <translation>типы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schemas</source>
        <comment>a privilege on</comment>
        <translation>схемы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}: {key}: {privilege} is not a {kind} privilege</source>
        <translation>{source}: {key}: {privilege} — не право на {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>table</source>
        <comment>a privilege of a</comment>
        <translation>таблицу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequence</source>
        <comment>a privilege of a</comment>
        <translation>последовательность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schema</source>
        <comment>a privilege of a</comment>
        <translation>схему</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INHERIT and SET options of a membership need PostgreSQL 16 or later</source>
        <translation>параметрам INHERIT и SET членства в роли нужен PostgreSQL 16 или новее</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_citus.py" line="+12"/>
        <source>--to {text}: give the target node as HOST:PORT, e.g. 10.0.0.5:5432</source>
        <translation>--to {text}: укажите целевой узел как ХОСТ:ПОРТ, например 10.0.0.5:5432</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this server is not a Citus coordinator: there is nothing to move</source>
        <translation>этот сервер не координатор Citus: переносить нечего</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this server is not a Citus coordinator</source>
        <translation>этот сервер не координатор Citus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>schema {schema} is not a distributed schema: only a distributed schema lives on one node and can be moved (distribute it first: citus_schema_distribute)</source>
        <translation>схема {schema} не распределённая: только распределённая схема живёт на одном узле и может быть перенесена (сначала распределите её: citus_schema_distribute)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>schema {schema} is a system or extension schema: not distributed</source>
        <translation>схема {schema} — системная или схема расширения: не распределяется</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target node {target} is in the cluster</source>
        <translation>целевой узел {target} есть в кластере</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no node {target} in pg_dist_node (workers: {known})</source>
        <translation>узла {target} нет в pg_dist_node (рабочие узлы: {known})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <comment>no worker nodes</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add it first: {sql}</source>
        <translation>сначала добавьте его: {sql}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target node {target} is active</source>
        <translation>целевой узел {target} активен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the node is inactive (citus_disable_node)</source>
        <translation>узел неактивен (citus_disable_node)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the tables&apos; owners can log in to the nodes</source>
        <translation>владельцы таблиц могут входить на узлы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{roles} cannot log in, and Citus moves each table&apos;s shards connecting as its owner</source>
        <translation>{roles}: вход запрещён, а Citus переносит шарды каждой таблицы, подключаясь от имени её владельца</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>space on the target</source>
        <translation>место на целевом узле</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not checked: a node&apos;s free disk space cannot be read through SQL; the copy needs {size}</source>
        <translation>не проверено: свободное место на диске узла не узнать через SQL; копии нужно {size}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about {bytes} bytes</source>
        <translation>около {bytes} байт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the tenant&apos;s size</source>
        <translation>столько, сколько занимает арендатор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}: {detail}</source>
        <translation>{what}: {detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}: {detail} (fix: {fix})</source>
        <translation>{what}: {detail} (исправление: {fix})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not moving {schema}: {checks}; nothing was moved</source>
        <translation>{schema} не переносится: {checks}; ничего не перенесено</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_db.py" line="-46"/>
        <source>cannot open the SSH tunnel through {where}: {reason}</source>
        <translation>не удалось открыть SSH-туннель через {where}: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>authentication failed (no key, agent identity or password was accepted)</source>
        <translation>аутентификация не удалась (не принят ни ключ, ни ключ из агента, ни пароль)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the key {identity} is encrypted: add it to ssh-agent or store its passphrase in the keyring (the profile&apos;s SSH section)</source>
        <translation>ключ {identity} зашифрован: добавьте его в ssh-agent или сохраните его парольную фразу в связке ключей (раздел SSH профиля)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot read the key {identity}: {error}</source>
        <translation>не удалось прочитать ключ {identity}: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer within {seconds} s</source>
        <translation>нет ответа за {seconds} с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the SSH host cannot forward to the server: {reason}</source>
        <translation>SSH-хост не может перенаправить соединение на сервер: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the SSH host key of {host} is not known (fingerprint {fingerprint}); compare it with the server&apos;s and accept it (--accept-new-host-key on the command line)</source>
        <translation>ключ SSH-хоста {host} неизвестен (отпечаток {fingerprint}); сравните его с ключом сервера и примите его (в командной строке — --accept-new-host-key)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WARNING: the SSH host key of {host} has CHANGED (now {fingerprint}); someone may be intercepting the connection. Refused. If the server&apos;s key really changed, remove its old entry from {known_hosts}</source>
        <translation>ВНИМАНИЕ: ключ SSH-хоста {host} ИЗМЕНИЛСЯ (теперь {fingerprint}); возможно, соединение перехватывают. Отказано. Если ключ сервера действительно сменился, удалите его старую запись из {known_hosts}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>statement {number} of {total} failed ({summary}): {server_message}; the transaction was rolled back, nothing was changed</source>
        <translation>инструкция {number} из {total} завершилась ошибкой ({summary}): {server_message}; транзакция откачена, ничего не изменено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>audit log not written: {error}</source>
        <translation>журнал аудита не записан: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read {catalog}: {reason}</source>
        <translation>не удалось прочитать {catalog}: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit record not written to {schema}.schemadesk_audit: {error}</source>
        <translation>запись аудита не записана в {schema}.schemadesk_audit: {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module}: another applier holds the migration lock; rehearse later</source>
        <translation>модуль {module}: блокировку миграций держит другой процесс применения; повторите репетицию позже</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>module {module}: another applier holds the migration lock (pid {pid}: {who}, since {since}); rehearse later</source>
        <translation>модуль {module}: блокировку миграций держит другой процесс применения (pid {pid}: {who}, с {since}); повторите репетицию позже</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{parts}, from {client}</source>
        <translation>{parts}, с адреса {client}</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/problems_tools.py" line="+16"/>
        <source>{where}: {value} is not a size (examples: 104857600, &apos;100MB&apos;)</source>
        <translation>{where}: {value} — не размер (примеры: 104857600, &apos;100MB&apos;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where} must be a table</source>
        <translation>{where} должен быть таблицей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: unknown key {key} (disable, large_table)</source>
        <translation>{where}: неизвестный ключ {key} (disable, large_table)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: disable must be a list of rule names</source>
        <translation>{where}: disable должен быть списком имён правил</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squawk not found next to {python} nor on PATH; it comes with schemadesk (pip install squawk-cli into the same environment)</source>
        <translation>squawk не найден ни рядом с {python}, ни в PATH; он поставляется со schemadesk (pip install squawk-cli в то же окружение)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{program}: could not run squawk: {reason}</source>
        <translation>{program}: не удалось запустить squawk: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>squawk exited {status}: {message}</source>
        <translation>squawk завершился с кодом {status}: {message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no message</source>
        <translation>без сообщения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squawk printed something that is not its JSON report</source>
        <translation>squawk вывел что-то, что не является его отчётом JSON</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>squawk&apos;s JSON report is not a list</source>
        <translation>отчёт JSON от squawk — не список</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session setting {name} = {value} is not a PostgreSQL duration (examples: &apos;30s&apos;, &apos;500ms&apos;, &apos;5min&apos;, &apos;0&apos; for none)</source>
        <translation>параметр сеанса {name} = {value} — не длительность PostgreSQL (примеры: &apos;30s&apos;, &apos;500ms&apos;, &apos;5min&apos;, &apos;0&apos; — без ограничения)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{what} is not a valid conninfo or URI: {reason}</source>
        <translation>{what} — не корректная строка conninfo или URI: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>profile {name}: conninfo</source>
        <translation>профиль {name}: conninfo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: [session]: {reason}</source>
        <translation>{where}: [session] не принят: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>module {module}: env.py failed in offline mode (-x schema={schema}): {error}</source>
        <translation>модуль {module}: env.py завершился ошибкой в офлайн-режиме (-x schema={schema}): {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the session is read-only; nothing was changed</source>
        <translation>сеанс только для чтения; ничего не изменено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what} covers pgdbm migrations only: Alembic revisions pending</source>
        <translation>{what} охватывает только миграции pgdbm: есть неприменённые ревизии Alembic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the rollout review report</source>
        <translation>отчёт для проверки развёртывания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{bindir} has no {tool}</source>
        <translation>в {bindir} нет {tool}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL refuses to run as root and there is no &apos;postgres&apos; account to run it as; create one (&apos;useradd --system postgres&apos;) or run as a normal user</source>
        <translation>PostgreSQL не запускается от root, а учётной записи &apos;postgres&apos;, от имени которой его запустить, нет; создайте её (&apos;useradd --system postgres&apos;) или запускайте от обычного пользователя</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>initdb failed in {datadir}: {output}</source>
        <translation>initdb завершился ошибкой в {datadir}: {output}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL did not start in {root}: {output}</source>
        <translation>PostgreSQL не запустился в {root}: {output}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no PostgreSQL server binaries (initdb and postgres) found (looked in: {where}); {hint}</source>
        <translation>не найдены серверные программы PostgreSQL (initdb и postgres) (искали в: {where}); {hint}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nowhere</source>
        <translation>нигде</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>install PostgreSQL with the EDB installer, or {wheel}, or set SCHEMADESK_PG_BINDIR</source>
        <translation>установите PostgreSQL установщиком EDB, или {wheel}, или задайте SCHEMADESK_PG_BINDIR</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>run &apos;brew install postgresql@17&apos; or install Postgres.app, or {wheel}, or set SCHEMADESK_PG_BINDIR</source>
        <translation>выполните &apos;brew install postgresql@17&apos; или установите Postgres.app, или {wheel}, или задайте SCHEMADESK_PG_BINDIR</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>install the server package (Debian/Ubuntu: &apos;sudo apt-get install postgresql&apos;; Fedora: &apos;sudo dnf install postgresql-server&apos;), or {wheel}, or set SCHEMADESK_PG_BINDIR</source>
        <translation>установите серверный пакет (Debian/Ubuntu: &apos;sudo apt-get install postgresql&apos;; Fedora: &apos;sudo dnf install postgresql-server&apos;), или {wheel}, или задайте SCHEMADESK_PG_BINDIR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;pip install schemadesk[embedded-pg]&apos; (PostgreSQL 16 from PyPI)</source>
        <translation>&apos;pip install schemadesk[embedded-pg]&apos; (PostgreSQL 16 из PyPI)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no OS keyring is available (install and unlock one, e.g. GNOME Keyring or KWallet); schemadesk will ask for the password each session or use ~/.pgpass</source>
        <translation>связка ключей ОС недоступна (установите и разблокируйте её, например GNOME Keyring или KWallet); schemadesk будет спрашивать пароль в каждом сеансе или возьмёт его из ~/.pgpass</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the OS keyring refused to store the password ({kind})</source>
        <translation>связка ключей ОС отказалась сохранить пароль ({kind})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>env.py opened a database connection in offline mode (--sql); nothing was connected to</source>
        <translation>env.py открыл подключение к базе данных в офлайн-режиме (--sql); подключения не было</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the audit record is written in its own transaction: end the action&apos;s transaction (commit or roll back) first</source>
        <translation>запись аудита пишется в собственной транзакции: сначала завершите транзакцию действия (фиксацией или откатом)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot read {path}: {reason}</source>
        <translation>не удалось прочитать {path}: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read-only: {where}</source>
        <translation>только для чтения: {where}</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/titles_access.py" line="+12"/>
        <source>new {kind} of {role} give {privs} to {grantee}</source>
        <translation>новые {kind} роли {role}: выдавать {privs} роли {grantee}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new {kind} of {role} in schema {schema} give {privs} to {grantee}</source>
        <translation>новые {kind} роли {role} в схеме {schema}: выдавать {privs} роли {grantee}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new {kind} of {role} stop giving {privs} to {grantee}</source>
        <translation>новые {kind} роли {role}: перестать выдавать {privs} роли {grantee}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new {kind} of {role} in schema {schema} stop giving {privs} to {grantee}</source>
        <translation>новые {kind} роли {role} в схеме {schema}: перестать выдавать {privs} роли {grantee}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>make {member} a member of {role}</source>
        <translation>включить {member} в роль {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make {member} a member of {role} ({flags})</source>
        <translation>включить {member} в роль {role} ({flags})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>may grant it on</source>
        <translation>может передавать её дальше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inherits its rights</source>
        <translation>наследует её права</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>does not inherit its rights</source>
        <translation>не наследует её права</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may SET ROLE to it</source>
        <translation>может выполнять SET ROLE на неё</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may not SET ROLE to it</source>
        <translation>не может выполнять SET ROLE на неё</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remove {member} from {role}</source>
        <translation>исключить {member} из роли {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remove {member} from {role} (granted by {grantor})</source>
        <translation>исключить {member} из роли {role} (членство выдано {grantor})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{role}: {name} = {value}</source>
        <comment>a role setting</comment>
        <translation>роль {role}: {name} = {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{role}: {name} = {value} in database {database}</source>
        <translation>роль {role}: {name} = {value} в базе данных {database}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{role}: reset {name}</source>
        <translation>роль {role}: сбросить {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{role}: reset {name} in database {database}</source>
        <translation>роль {role}: сбросить {name} в базе данных {database}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distribute schema {schema}</source>
        <translation>распределить схему {schema}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undistribute schema {schema}</source>
        <translation>отменить распределение схемы {schema}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make {schema} a distributed schema (its tables go to one node)</source>
        <translation>сделать {schema} распределённой схемой (её таблицы переходят на один узел)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>make {schema} a regular schema again (its tables come to the coordinator)</source>
        <translation>снова сделать {schema} обычной схемой (её таблицы возвращаются на координатор)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>move schema {schema} to {target}</source>
        <translation>перенести схему {schema} на {target}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>move {schema} to {target}</source>
        <translation>перенести {schema} на {target}</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../src/schemadesk/ui/error_box.py" line="+20"/>
        <source>Copy details</source>
        <translation>Скопировать подробности</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../src/schemadesk/ui/sql_preview/find_bar.py" line="+34"/>
        <source>Find in SQL</source>
        <translation>Найти в SQL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Предыдущее совпадение (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match (Enter)</source>
        <translation>Следующее совпадение (Enter)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close (Escape)</source>
        <translation>Закрыть (Escape)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no match</source>
        <translation>нет совпадений</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
</context>
<context>
    <name>FindingText</name>
    <message>
        <location filename="../../src/schemadesk/ui/core_texts/findings.py" line="-202"/>
        <source>owner role {owner} does not exist</source>
        <translation>роль-владелец {owner} не существует</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By the convention, role {owner} owns schema {s} and everything in it and runs its migrations; it does not exist.</source>
        <translation>По соглашению роль {owner} владеет схемой {s} и всеми её объектами и выполняет её миграции, но такой роли нет.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>schema {s} is owned by {actual}, not {owner}</source>
        <translation>владелец схемы {s} — {actual}, а не {owner}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The schema should belong to {owner}, the role that runs its migrations.</source>
        <translation>Схема должна принадлежать роли {owner}, от имени которой выполняются её миграции.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n object(s) in {s} not owned by {owner}</source>
        <translation>
            <numerusform>у %n объекта в схеме {s} владелец не {owner}</numerusform>
            <numerusform>у %n объектов в схеме {s} владелец не {owner}</numerusform>
            <numerusform>у %n объектов в схеме {s} владелец не {owner}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Objects created by other roles cannot be altered by {owner}&apos;s migrations and do not get {owner}&apos;s default privileges.</source>
        <translation>Объекты, созданные другими ролями, миграции от имени {owner} изменить не смогут, и на них не действуют привилегии по умолчанию роли {owner}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{owner} cannot CREATE in database {database}</source>
        <translation>у роли {owner} нет права CREATE в базе данных {database}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first migration of a schema runs CREATE SCHEMA IF NOT EXISTS as {owner}; PostgreSQL checks CREATE on the database even when the schema exists, so that migration fails.</source>
        <translation>Первая миграция схемы выполняет CREATE SCHEMA IF NOT EXISTS от имени {owner}. PostgreSQL проверяет право CREATE на базу данных, даже если схема уже есть, поэтому такая миграция завершится ошибкой.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>role {migrator} does not exist</source>
        <translation>роль {migrator} не существует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrations run as {migrator}, which acts as {owner}; it does not exist.</source>
        <translation>Миграции выполняются от имени {migrator}, которая действует как {owner}, но такой роли нет.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{migrator} cannot act as {owner}</source>
        <translation>роль {migrator} не может действовать как {owner}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{migrator} must be a member of {owner} that inherits its rights and may SET ROLE to it, so that migrations can change {s}&apos;s structure and new objects belong to {owner}.</source>
        <translation>Роль {migrator} должна входить в {owner}, наследовать её права и иметь возможность выполнить SET ROLE {owner}: тогда миграции смогут менять структуру схемы {s}, а новые объекты будут принадлежать {owner}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>application role {rw} does not exist</source>
        <translation>роль приложения {rw} не существует</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By the convention, the service uses {rw}: data rights only, with session timeouts.</source>
        <translation>По соглашению сервис работает под ролью {rw}: только права на данные и тайм-ауты сеанса.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{rw} has no USAGE on schema {s}</source>
        <translation>у роли {rw} нет USAGE на схему {s}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without USAGE on the schema, {rw} cannot reach any table in it, whatever its table rights.</source>
        <translation>Без USAGE на схему роль {rw} не доберётся ни до одной её таблицы, какие бы права на таблицы у неё ни были.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{rw} can change the structure of {s}</source>
        <translation>роль {rw} может менять структуру схемы {s}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The application role must not run DDL: {reasons}.</source>
        <translation>Роль приложения не должна выполнять DDL, а сейчас: {reasons}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>new tables or sequences in {s} will not be usable by {rw}</source>
        <translation>роль {rw} не получит доступа к новым таблицам и последовательностям схемы {s}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default privileges of {owner} in {s} must give {rw} {tables} on new tables and {sequences} on new sequences, or every migration has to remember its grants.</source>
        <translation>Привилегии по умолчанию роли {owner} в схеме {s} должны давать роли {rw} {tables} на новые таблицы и {sequences} на новые последовательности, иначе каждой миграции придётся самой выдавать права.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{rw} sessions lack the convention&apos;s timeouts</source>
        <translation>в сеансах роли {rw} не заданы тайм-ауты из соглашения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application sessions should run with {wanted}, so that a stuck query or an idle open transaction cannot hold locks and pool connections; now {now}.</source>
        <translation>Сеансы приложения должны работать с {wanted}, чтобы зависший запрос или простаивающая открытая транзакция не держали блокировки и соединения пула. Сейчас: {now}.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>{rw} lacks {privs} on %n table(s) in {s}</source>
        <translation>
            <numerusform>у роли {rw} нет {privs} на %n таблицу схемы {s}</numerusform>
            <numerusform>у роли {rw} нет {privs} на %n таблицы схемы {s}</numerusform>
            <numerusform>у роли {rw} нет {privs} на %n таблиц схемы {s}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The application role needs {privs} on every table of its schema.</source>
        <translation>Роли приложения нужны {privs} на каждую таблицу своей схемы.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{rw} lacks {privs} on %n sequence(s) in {s}</source>
        <translation>
            <numerusform>у роли {rw} нет {privs} на %n последовательность схемы {s}</numerusform>
            <numerusform>у роли {rw} нет {privs} на %n последовательности схемы {s}</numerusform>
            <numerusform>у роли {rw} нет {privs} на %n последовательностей схемы {s}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The application role needs {privs} on every sequence of its schema.</source>
        <translation>Роли приложения нужны {privs} на каждую последовательность своей схемы.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{rw} holds more than {privs} on %n table(s) in {s}</source>
        <translation>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n таблицу схемы {s}</numerusform>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n таблицы схемы {s}</numerusform>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n таблиц схемы {s}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{rw} holds more than {privs} on %n sequence(s) in {s}</source>
        <translation>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n последовательность схемы {s}</numerusform>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n последовательности схемы {s}</numerusform>
            <numerusform>у роли {rw} больше прав, чем {privs}, на %n последовательностей схемы {s}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The application role should hold exactly {privs}; TRUNCATE, REFERENCES, TRIGGER and MAINTAIN let it lock, empty or hook into tables.</source>
        <translation>У роли приложения должны быть ровно {privs}: с TRUNCATE, REFERENCES, TRIGGER и MAINTAIN она может блокировать и очищать таблицы или вешать на них свои триггеры.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every role, including ones created later, gets what PUBLIC holds; with CREATE anyone can add objects to the schema.</source>
        <translation>Всё, что есть у PUBLIC, получает каждая роль, в том числе созданная позже; с CREATE кто угодно может добавлять объекты в схему.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every role, including ones created later, gets what PUBLIC holds.</source>
        <translation>Всё, что есть у PUBLIC, получает каждая роль, в том числе созданная позже.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PUBLIC holds {privs} on schema {s}</source>
        <translation>у PUBLIC есть {privs} на схему {s}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>PUBLIC holds rights on %n object(s) in {s}</source>
        <translation>
            <numerusform>у PUBLIC есть права на %n объект схемы {s}</numerusform>
            <numerusform>у PUBLIC есть права на %n объекта схемы {s}</numerusform>
            <numerusform>у PUBLIC есть права на %n объектов схемы {s}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every role, including ones created later, can use these objects.</source>
        <translation>Этими объектами может пользоваться любая роль, в том числе созданная позже.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>owner {owner} cannot log in to the Citus nodes</source>
        <translation>владелец {owner} не может войти на узлы Citus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citus connects to the nodes as the current role: a migration of {s} run as {owner} fails on its first CREATE or ALTER with &apos;role is not permitted to log in&apos;, and citus_schema_move of {s} fails the same way. Let {owner} log in (ALTER ROLE is propagated to every node; when the nodes ask for a password, add it to pg_dist_authinfo), or run the migrations as a role that can.</source>
        <translation>Citus подключается к узлам от имени текущей роли: миграция {s}, выполняемая от имени {owner}, падает на первом же CREATE или ALTER с ошибкой «role is not permitted to log in», и citus_schema_move для {s} падает так же. Разрешите {owner} вход (ALTER ROLE распространяется на все узлы; если узлы спрашивают пароль, добавьте его в pg_dist_authinfo) или выполняйте миграции от имени роли, которая может войти.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>default privileges are kept on the coordinator only</source>
        <translation>права по умолчанию хранятся только на координаторе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citus does not propagate ALTER DEFAULT PRIVILEGES to the nodes. Tables created through the coordinator still get the right grants on every node; objects created directly on a node do not get them.</source>
        <translation>Citus не распространяет ALTER DEFAULT PRIVILEGES на узлы. Таблицы, созданные через координатор, всё равно получают нужные права на всех узлах; объекты, созданные прямо на узле, их не получают.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>CREATE on the schema {reason}</source>
        <translation>CREATE на схему ({reason})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has the rights of {owner} via {chain}</source>
        <translation>получает права роли {owner} через {chain}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(not set)</source>
        <translation>(не задан)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>примечание</translation>
    </message>
</context>
<context>
    <name>GrantDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/grant_dialog.py" line="+56"/>
        <source>Grant</source>
        <translation>Выдать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke</source>
        <translation>Отозвать</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the schema itself</source>
        <translation>саму схему</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Grant or revoke</source>
        <translation>Выдать или отозвать права</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>its tables</source>
        <translation>её таблицы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its sequences</source>
        <translation>её последовательности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its functions and procedures</source>
        <translation>её функции и процедуры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>membership in a role</source>
        <translation>членство в роли</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>as default privileges for objects created later</source>
        <translation>как права по умолчанию для объектов, созданных позже</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ALTER DEFAULT PRIVILEGES for the schema&apos;s owner: existing objects keep theirs</source>
        <translation>ALTER DEFAULT PRIVILEGES для владельца схемы: у существующих объектов права не меняются</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>WITH ADMIN OPTION (may grant the membership on)</source>
        <translation>WITH ADMIN OPTION (может передавать членство дальше)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CASCADE (also revoke what was granted on from it)</source>
        <translation>CASCADE (отозвать и то, что было выдано на основе этого права)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview…</source>
        <translation>Просмотр…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change:</source>
        <translation>Действие:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On:</source>
        <translation>На:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema:</source>
        <translation>Схема:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rights:</source>
        <translation>Права:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role to join:</source>
        <translation>Вступить в роль:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>GRANT OPTION only (the right itself stays)</source>
        <translation>только GRANT OPTION (само право остаётся)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WITH GRANT OPTION (may grant it on)</source>
        <translation>WITH GRANT OPTION (может передавать право дальше)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PUBLIC cannot be a member of a role.</source>
        <translation>PUBLIC не может быть членом роли.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the role to join.</source>
        <translation>Выберите роль, в которую вступить.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick at least one right.</source>
        <translation>Отметьте хотя бы одно право.</translation>
    </message>
</context>
<context>
    <name>HostKeyPrompt</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/host_key.py" line="+29"/>
        <source>Unknown SSH host</source>
        <translation>Неизвестный SSH-хост</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The authenticity of the SSH host %1 cannot be established.</source>
        <translation>Подлинность SSH-хоста %1 не удаётся установить.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its key fingerprint is
%1

Compare it with the one the server&apos;s administrator gives you. Trust this host and remember its key in ~/.ssh/known_hosts?</source>
        <translation>Отпечаток его ключа:
%1

Сравните его с отпечатком, который даёт администратор сервера. Доверять этому хосту и запомнить его ключ в ~/.ssh/known_hosts?</translation>
    </message>
</context>
<context>
    <name>LoadingStack</name>
    <message>
        <location filename="../../src/schemadesk/ui/loading_stack.py" line="+83"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/schemadesk/ui/main_window.py" line="+102"/>
        <source>Progress</source>
        <translation>Ход выполнения</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/main_menus.py" line="+48"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connections…</source>
        <translation>&amp;Подключения…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close connection</source>
        <translation>&amp;Закрыть подключение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Provision a schema…</source>
        <translation>&amp;Подготовить схему…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create or complete a schema by the convention: roles, owner, grants</source>
        <translation>Создать или дополнить схему по соглашению: роли, владелец, права</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export review report…</source>
        <translation>&amp;Экспорт отчёта для согласования…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the pending migrations of this connection as a review report</source>
        <translation>Записать ожидающие миграции этого подключения в отчёт для согласования</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Co&amp;mpare with…</source>
        <translation>&amp;Сравнить с…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Audit log…</source>
        <translation>&amp;Журнал аудита…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Settings…</source>
        <translation>Н&amp;астройки…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About schemadesk</source>
        <translation>&amp;О программе schemadesk</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/window_dialogs.py" line="+21"/>
        <source>About schemadesk</source>
        <translation>О программе schemadesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schemadesk %1 — PostgreSQL schemas, roles and migrations.</source>
        <translation>schemadesk %1 — схемы, роли и миграции PostgreSQL.</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/change_dialogs.py" line="+67"/>
        <location filename="../../src/schemadesk/ui/main_window.py" line="+69"/>
        <source>Open a connection first.</source>
        <translation>Сначала откройте подключение.</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/main_window.py" line="+42"/>
        <source>Project %1 opened</source>
        <translation>Открыт проект %1</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Not done</source>
        <translation>Не выполнено</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n schema(s) loaded</source>
        <translation>
            <numerusform>Загружена %n схема</numerusform>
            <numerusform>Загружены %n схемы</numerusform>
            <numerusform>Загружено %n схем</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MembershipsModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/roles_model.py" line="+132"/>
        <source>Member of</source>
        <translation>Входит в</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Granted by</source>
        <translation>Кем выдано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Admin</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inherit</source>
        <translation>INHERIT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set</source>
        <translation>SET</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Per-grant INHERIT and SET options exist from PostgreSQL 16 on</source>
        <translation>Параметры INHERIT и SET для отдельного членства есть начиная с PostgreSQL 16</translation>
    </message>
</context>
<context>
    <name>MigrationsModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/migrations_model.py" line="+39"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied at</source>
        <translation>Когда применена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checksum</source>
        <translation>Контрольная сумма</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>applied</source>
        <translation>применена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drifted</source>
        <translation>изменена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missing</source>
        <translation>нет файла</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked</source>
        <translation>заблокирована</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unverifiable</source>
        <translation>применена, без проверки</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Applied: the ledger records it with the checksum the file still has.</source>
        <translation>Применена: журнал миграций хранит её с той же контрольной суммой, что и у файла сейчас.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pending: not applied yet. Rehearse… runs it and rolls back; Apply pending… runs it.</source>
        <translation>Ожидает: ещё не применена. «Пробный прогон…» выполняет её и откатывает; «Применить ожидающие…» выполняет её.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drifted: applied, but the file changed since. Restore the file as it was applied, or, when the change is harmless, Accept new checksum…</source>
        <translation>Изменена: применена, но файл с тех пор изменился. Верните файл к применённому виду или, если изменение безвредно, нажмите «Принять новую контрольную сумму…».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Missing: the ledger records it as applied, but the file is gone. Restore it from version control; nothing is run again.</source>
        <translation>Нет файла: в журнале миграция записана как применённая, но файла нет. Верните его из системы контроля версий; повторно ничего не выполняется.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Blocked: pending, but it comes after a drifted file, and nothing after a drift is applied. Resolve the drifted file above it first (restore it or accept its new checksum), then apply.</source>
        <translation>Заблокирована: ожидает, но идёт после изменённого файла, а после изменённого файла ничего не применяется. Сначала разберитесь с изменённым файлом выше (верните его или примите новую контрольную сумму), затем применяйте.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unverifiable: Alembic records the revision as applied but keeps no checksum, so nothing shows whether the file still matches what ran. Nothing to do; compare with version control when in doubt.</source>
        <translation>Применена, без проверки: Alembic записывает ревизию как применённую, но не хранит контрольной суммы, поэтому нельзя проверить, совпадает ли файл с тем, что выполнялось. Делать ничего не нужно; при сомнениях сравните с системой контроля версий.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no migrations</source>
        <translation>нет миграций</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n applied</source>
        <translation>
            <numerusform>%n применена</numerusform>
            <numerusform>%n применены</numerusform>
            <numerusform>%n применено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n ожидает</numerusform>
            <numerusform>%n ожидают</numerusform>
            <numerusform>%n ожидают</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n drifted</source>
        <translation>
            <numerusform>%n изменена</numerusform>
            <numerusform>%n изменены</numerusform>
            <numerusform>%n изменено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n без файла</numerusform>
            <numerusform>%n без файла</numerusform>
            <numerusform>%n без файла</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blocked</source>
        <translation>
            <numerusform>%n заблокирована</numerusform>
            <numerusform>%n заблокированы</numerusform>
            <numerusform>%n заблокировано</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n unverifiable</source>
        <translation>
            <numerusform>%n применена без проверки</numerusform>
            <numerusform>%n применены без проверки</numerusform>
            <numerusform>%n применено без проверки</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>file:     %1</source>
        <translation>файл:      %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded: %1</source>
        <translation>в журнале: %1</translation>
    </message>
</context>
<context>
    <name>MigrationsView</name>
    <message>
        <location filename="../../src/schemadesk/ui/migrations_view.py" line="+65"/>
        <source>Filter modules by name or schema</source>
        <translation>Фильтр модулей по имени или схеме</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Module</source>
        <translation>Модуль</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Schema</source>
        <translation>Схема</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Apply pending…</source>
        <translation>Применить ожидающие…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the pending migrations of the selected module</source>
        <translation>Применить ожидающие миграции выбранного модуля</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rehearse…</source>
        <translation>Пробный прогон…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run every pending migration in one transaction and roll it back</source>
        <translation>Выполнить все ожидающие миграции в одной транзакции и откатить её</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept new checksum…</source>
        <translation>Принять новую контрольную сумму…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The profile is read-only</source>
        <translation>Профиль только для чтения</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>nothing pending</source>
        <translation>ожидающих нет</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Alembic, version table %1 (heads: %2)</source>
        <translation>Alembic, таблица версий %1 (heads: %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ledger %1</source>
        <translation>Журнал миграций %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not created yet (the first apply creates it)</source>
        <translation>ещё не создан (его создаст первое применение)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>This file is recorded in the ledger but is not on disk.</source>
        <translation>Этот файл записан в журнале миграций, но на диске его нет.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded checksum: %1</source>
        <translation>контрольная сумма в журнале: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Drifted: the file changed after it was applied.</source>
        <translation>Расхождение: файл изменился после применения.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>file: %1</source>
        <translation>файл: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded: %1</source>
        <translation>в журнале: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recorded version found in git commit %1</source>
        <translation>Записанная версия найдена в коммите git %1</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/citus_move.py" line="+42"/>
        <source>Move tenant %1</source>
        <translation>Перенос арендатора %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no node yet (no tables)</source>
        <translation>пока ни на одном узле (нет таблиц)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Review the move…</source>
        <translation>Проверить перенос…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lives on:</source>
        <translation>Находится на:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to:</source>
        <translation>Перенести на:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked before anything moves:</source>
        <translation>Проверено до переноса:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No other active worker node to move to.</source>
        <translation>Нет другого активного рабочего узла для переноса.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>fix: %1</source>
        <translation>исправление: %1</translation>
    </message>
</context>
<context>
    <name>MoveFlow</name>
    <message>
        <location line="+27"/>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The profile “%1” is read-only: changes are not possible.</source>
        <translation>Профиль «%1» — только чтение: изменения невозможны.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>moved: %1 now lives on %2</source>
        <translation>перенесено: %1 теперь находится на %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: %2 of %3 copied (%4%)</source>
        <translation>%1: скопировано %2 из %3 (%4%)</translation>
    </message>
</context>
<context>
    <name>NavTree</name>
    <message>
        <location filename="../../src/schemadesk/ui/navigation.py" line="+33"/>
        <source>Schemas</source>
        <translation>Схемы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Роли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrations</source>
        <translation>Миграции</translation>
    </message>
</context>
<context>
    <name>ObjectDetails</name>
    <message>
        <location filename="../../src/schemadesk/ui/object_details.py" line="+96"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/schemadesk/ui/object_details_rows.py" line="+240"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nullable</source>
        <translation>NULL</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/schemadesk/ui/object_details_rows.py" line="+27"/>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collation</source>
        <translation>Сортировка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column privileges</source>
        <translation>Права столбца</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/schemadesk/ui/object_details_rows.py" line="-65"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Index</source>
        <translation>Индекс</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/schemadesk/ui/object_details_rows.py" line="+16"/>
        <location line="+17"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid</source>
        <translation>Действителен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backs</source>
        <translation>Для ограничения</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>Definition</source>
        <translation>Определение</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Constraint</source>
        <translation>Ограничение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trigger</source>
        <translation>Триггер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Policy</source>
        <translation>Политика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As</source>
        <translation>Как</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Using</source>
        <translation>USING</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With check</source>
        <translation>WITH CHECK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Privilege</source>
        <translation>Право</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexes</source>
        <translation>Индексы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constraints</source>
        <translation>Ограничения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triggers</source>
        <translation>Триггеры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policies</source>
        <translation>Политики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grants</source>
        <translation>Права</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDL</source>
        <translation>DDL</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Loading the objects of schema %1…</source>
        <translation>Загрузка объектов схемы %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The objects of schema %1 could not be loaded: %2</source>
        <translation>Не удалось загрузить объекты схемы %1: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Schema %1, owner %2: %3 objects</source>
        <translation>Схема %1, владелец %2: объектов — %3</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>DDL of %1</source>
        <translation>DDL объекта %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>-- The server gives no definition of this object.</source>
        <translation>-- Сервер не даёт определения этого объекта.</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/object_details_hook.py" line="+73"/>
        <source>the schema no longer exists (refresh)</source>
        <translation>схемы больше нет (обновите)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Object details</source>
        <translation>Подробности объектов</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/object_details_rows.py" line="-198"/>
        <source>table</source>
        <translation>таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partitioned table</source>
        <translation>секционированная таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foreign table</source>
        <translation>внешняя таблица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view</source>
        <translation>представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>materialized view</source>
        <translation>материализованное представление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sequence</source>
        <translation>последовательность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function</source>
        <translation>функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>procedure</source>
        <translation>процедура</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aggregate</source>
        <translation>агрегат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>window function</source>
        <translation>оконная функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>domain</source>
        <translation>домен</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tables (%1)</source>
        <translation>Таблицы (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Views (%1)</source>
        <translation>Представления (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Materialized views (%1)</source>
        <translation>Материализованные представления (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequences (%1)</source>
        <translation>Последовательности (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Functions and procedures (%1)</source>
        <translation>Функции и процедуры (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Types (%1)</source>
        <translation>Типы (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Domains (%1)</source>
        <translation>Домены (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 bytes</source>
        <translation>%1 байт</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+151"/>
        <location line="+27"/>
        <location line="+14"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>identity, always</source>
        <translation>identity, всегда</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>identity, by default</source>
        <translation>identity, по умолчанию</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stored</source>
        <translation>хранимый</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>virtual</source>
        <translation>виртуальный</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>generated (%1): %2</source>
        <translation>вычисляемый (%1): %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+42"/>
        <source>(inherited)</source>
        <translation>(унаследован)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>primary key</source>
        <translation>первичный ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unique</source>
        <translation>уникальность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>foreign key</source>
        <translation>внешний ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>check</source>
        <translation>проверка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exclusion</source>
        <translation>исключение</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+59"/>
        <source>enabled</source>
        <translation>включён</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replica only</source>
        <translation>только на репликах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>always</source>
        <translation>всегда</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>permissive</source>
        <translation>разрешающая</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restrictive</source>
        <translation>ограничивающая</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>with grant option</source>
        <translation>с правом передачи</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Owner</source>
        <translation>Владелец</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>, about %1 rows</source>
        <translation>, около %1 строк</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>enabled, forced for the owner too</source>
        <translation>включена, принудительно и для владельца</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Partition key</source>
        <translation>Ключ секционирования</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partition of</source>
        <translation>Секция таблицы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bounds</source>
        <translation>Границы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inherits</source>
        <translation>Наследует</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row-level security</source>
        <translation>Защита на уровне строк</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlogged</source>
        <translation>Нежурналируемая</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Foreign server</source>
        <translation>Внешний сервер</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Populated</source>
        <translation>Заполнено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start, increment</source>
        <translation>Начало, шаг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range</source>
        <translation>Диапазон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cache, cycle</source>
        <translation>Кэш, цикл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owned by</source>
        <translation>Принадлежит</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Returns</source>
        <translation>Возвращает</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volatility</source>
        <translation>Изменчивость</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security definer</source>
        <translation>SECURITY DEFINER</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Labels</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtype</source>
        <translation>Подтип</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Base type</source>
        <translation>Базовый тип</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not null</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Options</source>
        <translation>Параметры</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/password_prompt.py" line="+28"/>
        <source>Password for %1</source>
        <translation>Пароль для %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password for %1:</source>
        <translation>Пароль для %1:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Remember in the OS keyring</source>
        <translation>&amp;Запомнить в хранилище паролей ОС</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No OS keyring: the password is used for this session only.</source>
        <translation>Хранилища паролей ОС нет: пароль используется только в этом сеансе.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Connect</source>
        <translation>Подкл&amp;ючиться</translation>
    </message>
</context>
<context>
    <name>PrivilegeMatrixModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/privilege_matrix_model.py" line="+144"/>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <location filename="../../src/schemadesk/ui/sql_preview/problems.py" line="+41"/>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/profile_form.py" line="+45"/>
        <source>e.g. production, staging, local</source>
        <translation>например, production, staging, local</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Host, port and database</source>
        <translation>Хост, порт и база данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection string or URI</source>
        <translation>Строка подключения или URI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pg_service.conf service</source>
        <translation>Служба из pg_service.conf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>local socket</source>
        <translation>локальный сокет</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>same as the user name</source>
        <translation>как имя пользователя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your login name</source>
        <translation>ваше имя для входа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>libpq default</source>
        <translation>по умолчанию libpq</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Host:</source>
        <translation>&amp;Хост:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>Пор&amp;т:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Us&amp;er:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL &amp;mode:</source>
        <translation>&amp;Режим SSL:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A libpq connection string (host=… dbname=…) or a postgresql:// URI, without a password.</source>
        <translation>Строка подключения libpq (host=… dbname=…) или URI postgresql:// — без пароля.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a section of pg_service.conf</source>
        <translation>раздел pg_service.conf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>libpq reads the service from ~/.pg_service.conf or PGSERVICEFILE.</source>
        <translation>libpq читает службу из ~/.pg_service.conf или из файла PGSERVICEFILE.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Connect &amp;with:</source>
        <translation>Подключение &amp;через:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Remember in the OS keyring</source>
        <translation>&amp;Запомнить в хранилище паролей ОС</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read-onl&amp;y</source>
        <translation>Т&amp;олько чтение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pr&amp;otected</source>
        <translation>Защищённы&amp;й</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety</source>
        <translation>Безопасность</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions open with default_transaction_read_only=on and every change is refused.</source>
        <translation>Сеансы открываются с default_transaction_read_only=on, любые изменения запрещены.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every change needs the database name typed to confirm.</source>
        <translation>Каждое изменение нужно подтвердить, введя имя базы данных.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session settings</source>
        <translation>Параметры сеанса</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statement timeout:</source>
        <translation>Тайм-аут запроса:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock timeout:</source>
        <translation>Тайм-аут блокировки:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle in transaction timeout:</source>
        <translation>Тайм-аут простоя в транзакции:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 — a PostgreSQL duration such as 30s, 500ms or 5min; 0 disables it</source>
        <translation>%1 — интервал в формате PostgreSQL, например 30s, 500ms или 5min; 0 отключает</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>N&amp;ame:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>a connection profile needs a name</source>
        <translation>у профиля подключения должно быть имя</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>type a conninfo string or URI, or pick another mode</source>
        <translation>введите строку подключения или URI либо выберите другой способ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>type the name of a pg_service.conf service</source>
        <translation>введите имя службы из pg_service.conf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the port must be a number from 1 to 65535</source>
        <translation>порт должен быть числом от 1 до 65535</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>stored in the OS keyring — type to replace it</source>
        <translation>сохранён в хранилище паролей ОС — введите новый, чтобы заменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: ~/.pgpass or a prompt when the server asks</source>
        <translation>нет: ~/.pgpass или запрос, когда сервер его потребует</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No OS keyring: the password is used for this session only.</source>
        <translation>Хранилища паролей ОС нет: пароль используется только в этом сеансе.</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/profiles_dialog.py" line="+58"/>
        <source>Connections</source>
        <translation>Подключения</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;New</source>
        <translation>&amp;Новый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>&amp;Дублировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved profiles:</source>
        <translation>Сохранённые профили:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Connect</source>
        <translation>Подкл&amp;ючиться</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile has unsaved changes. Save them?</source>
        <translation>В профиле есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (copy)</source>
        <translation>%1 (копия)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Delete profile</source>
        <translation>Удаление профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile “%1” and its stored password?</source>
        <translation>Удалить профиль «%1» и сохранённый для него пароль?</translation>
    </message>
    <message>
        <location filename="../../src/schemadesk/ui/connections/save_profile.py" line="+30"/>
        <source>a profile named “%1” exists already</source>
        <translation>профиль «%1» уже существует</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot write %1: %2</source>
        <translation>не удалось записать %1: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1; the password is kept for this session only</source>
        <translation>%1; пароль сохранён только на этот сеанс</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../src/schemadesk/ui/progress_panel.py" line="+59"/>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel after the current step</source>
        <translation>Остановить после текущего шага</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+75"/>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>waiting for the lock</source>
        <translation>ждёт блокировку</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cancelling after the current step…</source>
        <translation>Остановка после текущего шага…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
</context>
<context>
    <name>ProjectsMenu</name>
    <message>
        <location filename="../../src/schemadesk/ui/projects.py" line="+41"/>
        <source>Open &amp;project…</source>
        <translation>Открыть &amp;проект…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A folder with schemadesk.toml, or with services/*/migrations or migrations/</source>
        <translation>Папка с schemadesk.toml или с services/*/migrations либо migrations/</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent pro&amp;jects</source>
        <translation>Недавние пр&amp;оекты</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open project</source>
        <translation>Открыть проект</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No recent projects</source>
        <translation>Недавних проектов нет</translation>
    </message>
</context>
<context>
    <name>ProvisionDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/provision_dialog.py" line="+29"/>
        <source>Provision a schema</source>
        <translation>Подготовить схему</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. billing</source>
        <translation>например, billing</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview…</source>
        <translation>Просмотр…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schema:</source>
        <translation>Схема:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles:</source>
        <translation>Роли:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>owner %1, read-write %2, migrations run by %3</source>
        <translation>владелец %1, чтение и запись %2, миграции выполняет %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A system schema is never provisioned.</source>
        <translation>Системные схемы не подготавливаются.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A name would be longer than PostgreSQL&apos;s 63 bytes.</source>
        <translation>Имя оказалось бы длиннее 63 байт, допустимых в PostgreSQL.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The schema exists: only what it lacks is added.</source>
        <translation>Схема уже есть: будет добавлено только недостающее.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the schema&apos;s name.</source>
        <translation>Введите имя схемы.</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <location filename="../../src/schemadesk/ui/report_export.py" line="+78"/>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No project: open the window with --project schemadesk.toml.</source>
        <translation>Проект не открыт: запустите окно с --project schemadesk.toml.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Review report written to %1</source>
        <translation>Отчёт для согласования записан в %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review report written</source>
        <translation>Отчёт для согласования записан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The review report is in %1.</source>
        <translation>Отчёт для согласования сохранён в файле %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Content SHA-256 (the approver notes it):
%1

schemadesk apply --reviewed checks it before anything runs.</source>
        <translation>SHA-256 содержимого (согласующий записывает его):
%1

schemadesk apply --reviewed сверяет его, прежде чем что-либо выполнить.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export review report</source>
        <translation>Экспорт отчёта для согласования</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HTML report (*.html)</source>
        <translation>Отчёт HTML (*.html)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Markdown report (*.md)</source>
        <translation>Отчёт Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look in:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of type:</source>
        <translation>Тип файла:</translation>
    </message>
</context>
<context>
    <name>ReviewReport</name>
    <message>
        <location filename="../../src/schemadesk/ui/report_texts.py" line="+21"/>
        <source>en</source>
        <comment>The language code (BCP 47) of this translation, as the report&apos;s &lt;html lang&gt; says it</comment>
        <translation>ru</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{title} · schemadesk review</source>
        <translation>{title} · согласование в schemadesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned change for review</source>
        <translation>Запланированное изменение на согласование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past action from the audit log</source>
        <translation>Выполненное действие из журнала аудита</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{steps} step(s), {statements} statement(s)</source>
        <translation>шагов: {steps}, команд: {statements}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>written {created}</source>
        <translation>составлен {created}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content SHA-256 (note it with your approval):</source>
        <translation>SHA-256 содержимого (укажите его при согласовании):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply exactly what was reviewed: {command} refuses any difference (a changed file, a step added or removed, other SQL, another database).</source>
        <translation>Чтобы применить ровно то, что согласовано, выполните {command}: команда откажется выполнять что-либо при любом расхождении (изменённый файл, добавленный или удалённый шаг, другой SQL, другая база данных).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this report</source>
        <translation>этот отчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>Где выполняется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs as</source>
        <translation>Выполняется от имени</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema</source>
        <translation>Схема</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepared by (OS user)</source>
        <translation>Подготовил (пользователь ОС)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record id</source>
        <translation>Идентификатор записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locks taken</source>
        <translation>Захватываемые блокировки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rehearsal</source>
        <translation>Пробный прогон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps and exact SQL ({n})</source>
        <translation>Шаги и точный SQL ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checksum: {checksum}. SQL SHA-256: {sql}.</source>
        <translation>Контрольная сумма: {checksum}. SHA-256 SQL: {sql}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 (hex) of the migration file&apos;s UTF-8 text with CRLF turned into LF and leading and trailing whitespace stripped: pgdbm&apos;s checksum, the value its ledger records</source>
        <translation>SHA-256 (hex) текста файла миграции в UTF-8, в котором CRLF заменены на LF, а пробельные символы в начале и в конце отброшены: контрольная сумма pgdbm, то самое значение, что записано в журнале миграций</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SHA-256 (hex) of the step&apos;s exact SQL as shown (secret literals masked)</source>
        <translation>SHA-256 (hex) точного SQL шага в показанном виде (секретные литералы замаскированы)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to run.</source>
        <translation>Выполнять нечего.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} statement(s)</source>
        <translation>команд: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locks: {locks}</source>
        <translation>блокировки: {locks}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file SHA-256</source>
        <translation>SHA-256 файла</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQL SHA-256</source>
        <translation>SHA-256 SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ms} ms</source>
        <translation>{ms} мс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migration</source>
        <translation>Миграция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not rehearsable (no-transaction files): {files}</source>
        <translation>Без пробного прогона (файлы вне транзакции): {files}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locks and rewrites observed</source>
        <translation>Замеченные блокировки и перезаписи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convention findings ({n})</source>
        <translation>Замечания по соглашению ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finding</source>
        <translation>Замечание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fix SQL</source>
        <translation>SQL исправления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lint findings ({n})</source>
        <translation>Замечания линтера ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squawk&apos;s rules and schemadesk&apos;s own, at the line and column of each migration file</source>
        <translation>правила squawk и собственные правила schemadesk, со строкой и столбцом в каждом файле миграции</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>and {n} more</source>
        <translation>и ещё {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schemadesk {version} review report ({format}). The manifest below is the reviewed content; its SHA-256 is the content hash above.</source>
        <translation>Отчёт для согласования schemadesk {version} ({format}). Манифест ниже — согласуемое содержимое; его SHA-256 и есть указанный выше хеш содержимого.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Review manifest (schemadesk {version}, {format}); its SHA-256 over canonical JSON is the content hash above.</source>
        <translation>Манифест согласования (schemadesk {version}, {format}); его SHA-256 по каноническому JSON и есть указанный выше хеш содержимого.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>succeeded</source>
        <translation>выполнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>applied</source>
        <translation>применена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>пропущена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not-rehearsable</source>
        <translation>без пробного прогона</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not run</source>
        <translation>не выполнялась</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rehearsed partly</source>
        <translation>прогнано частично</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ok</source>
        <translation>успешно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>protected</source>
        <translation>защищённый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <translation>примечание</translation>
    </message>
</context>
<context>
    <name>RolesMenus</name>
    <message>
        <location filename="../../src/schemadesk/ui/roles_menus.py" line="+59"/>
        <source>Copy %1 name</source>
        <translation>Копировать имя %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy %1 name quoted for SQL</source>
        <translation>Копировать имя %1 в кавычках для SQL</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+13"/>
        <location line="+14"/>
        <source>role</source>
        <translation>роли</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+10"/>
        <source>Copy cell</source>
        <translation>Копировать ячейку</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Grant or revoke…</source>
        <translation>Выдать или отозвать права…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in privilege matrix</source>
        <translation>Показать в матрице прав</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+22"/>
        <source>Show in roles</source>
        <translation>Показать в ролях</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Copy cell with reasons</source>
        <translation>Копировать ячейку с причинами</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schema</source>
        <translation>схемы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Privileges of %1 on %2…</source>
        <translation>Права %1 на %2…</translation>
    </message>
</context>
<context>
    <name>RolesModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/roles_model.py" line="-110"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Superuser</source>
        <translation>SUPERUSER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create DB</source>
        <translation>CREATEDB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create role</source>
        <translation>CREATEROLE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inherit</source>
        <translation>INHERIT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replication</source>
        <translation>REPLICATION</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bypass RLS</source>
        <translation>BYPASSRLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conn. limit</source>
        <translation>Лимит подкл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>(in %1)</source>
        <translation>(в %1)</translation>
    </message>
</context>
<context>
    <name>RolesView</name>
    <message>
        <location filename="../../src/schemadesk/ui/roles_view.py" line="+66"/>
        <source>Filter roles by name or pattern (e.g. *_rw)</source>
        <translation>Фильтр ролей по имени или шаблону (например, *_rw)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Member of</source>
        <translation>Входит в</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>U = USAGE, C = CREATE on the schema · S I U D = SELECT, INSERT, UPDATE, DELETE on all its tables (lower case: on some). Hover a cell for the reasons.</source>
        <translation>U = USAGE, C = CREATE на схему · S I U D = SELECT, INSERT, UPDATE, DELETE на все её таблицы (строчная буква — только на часть). Наведите указатель на ячейку, чтобы увидеть причины.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Roles</source>
        <translation>Роли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Privilege matrix</source>
        <translation>Матрица привилегий</translation>
    </message>
</context>
<context>
    <name>RolloutDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/rollout_view.py" line="+50"/>
        <source>&amp;Rollout…</source>
        <translation>&amp;Раскатка…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Rollout</source>
        <translation>Раскатка</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a targets file (schemadesk.toml or its own)</source>
        <translation>файл целей (schemadesk.toml или отдельный)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets:</source>
        <translation>Цели:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Continue on error</source>
        <translation>Продолжать при ошибке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rehearse (roll back)</source>
        <translation>Репетиция (с откатом)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets at once:</source>
        <translation>Целей одновременно:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a targets file, then Plan.</source>
        <translation>Выберите файл целей и нажмите «План».</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+111"/>
        <source>Run</source>
        <translation>Выполнить</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Retry failed</source>
        <translation>Повторить неудавшиеся</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop between steps: no migration is cut short</source>
        <translation>Остановка между шагами: ни одна миграция не прерывается посередине</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review report…</source>
        <translation>Отчёт для согласования…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write every target&apos;s plan to one review report (nothing runs); &apos;schemadesk rollout --reviewed REPORT&apos; later checks each target against it</source>
        <translation>Записать план каждой цели в один отчёт для согласования (ничего не выполняется); затем &apos;schemadesk rollout --reviewed REPORT&apos; сверяет с ним каждую цель</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Planning %n target(s)…</source>
        <translation>
            <numerusform>План для %n цели…</numerusform>
            <numerusform>План для %n целей…</numerusform>
            <numerusform>План для %n целей…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not run: nothing was changed.</source>
        <translation>Не выполнено: ничего не изменено.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 migration(s) to %2 target(s) in %3 stage(s)</source>
        <translation>Миграций: %1, целей: %2, этапов: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Differs from most targets: %1 (%2)</source>
        <translation>Отличается от большинства целей: %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot run: a target could not be planned (see the grid).</source>
        <translation>Выполнить нельзя: для одной из целей не удалось составить план (см. таблицу).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>protected: type %1 (the number of targets)</source>
        <translation>защищённая цель: введите %1 (число целей)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rehearse</source>
        <translation>Репетировать</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+65"/>
        <source>Stopping after the migrations in progress…</source>
        <translation>Остановка после выполняющихся миграций…</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Done: %1, failed: %2, not started: %3, stopped: %4.</source>
        <translation>Готово: %1, с ошибкой: %2, не начато: %3, остановлено: %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stage %1 did not finish cleanly; later stages did not start.</source>
        <translation>Этап %1 не завершился без ошибок; следующие этапы не начинались.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Review report</source>
        <translation>Отчёт для согласования</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review reports (*.html *.md)</source>
        <translation>Отчёты для согласования (*.html *.md)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Review report written to %1 (content SHA-256 %2)</source>
        <translation>Отчёт для согласования записан в %1 (SHA-256 содержимого %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Targets file</source>
        <translation>Файл целей</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TOML files (*.toml)</source>
        <translation>Файлы TOML (*.toml)</translation>
    </message>
</context>
<context>
    <name>RolloutModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/rollout_model.py" line="+37"/>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Ход выполнения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failure</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>SchemaBox</name>
    <message>
        <location filename="../../src/schemadesk/ui/sql_preview/schema_box.py" line="+19"/>
        <source>Render for schema:</source>
        <translation>Подставить для схемы:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>schema name</source>
        <translation>имя схемы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Render</source>
        <translation>Подставить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render this file for another schema</source>
        <translation>Показать этот файл для другой схемы</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Type a schema name first.</source>
        <translation>Сначала введите имя схемы.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1…” is too long: a schema name has at most 63 characters.</source>
        <translation>«%1…» — слишком длинное: в имени схемы не больше 63 символов.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a name pgdbm accepts: start with a letter or _, then letters, digits or _ only.</source>
        <translation>«%1» pgdbm не примет: имя начинается с буквы или _, дальше только буквы, цифры и _.</translation>
    </message>
</context>
<context>
    <name>SchemaDetails</name>
    <message>
        <location filename="../../src/schemadesk/ui/schema_details.py" line="+76"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>Владелец</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rights</source>
        <translation>Права</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why (USAGE · CREATE · tables)</source>
        <translation>Откуда (USAGE · CREATE · таблицы)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finding</source>
        <translation>Замечание</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Apply this fix…</source>
        <translation>Применить это исправление…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix all findings…</source>
        <translation>Исправить все замечания…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Grant or revoke…</source>
        <translation>Выдать или отозвать…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Objects</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Privileges</source>
        <translation>Привилегии</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Findings</source>
        <translation>Замечания</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Findings (%1)</source>
        <translation>Замечания (%1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>function</source>
        <translation>функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>procedure</source>
        <translation>процедура</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aggregate</source>
        <translation>агрегат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>window function</source>
        <translation>оконная функция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>domain</source>
        <translation>домен</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>schema-sharded</source>
        <translation>шардирована по схеме</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distributed</source>
        <translation>распределённая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference</source>
        <translation>справочная</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local</source>
        <translation>локальная</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Schema %1 belongs to extension %2, which manages its owner and rights: it is not checked against the convention and no fix ever changes it.</source>
        <translation>Схема %1 принадлежит расширению %2, которое само управляет её владельцем и правами: она не проверяется по соглашению, и никакое исправление её не меняет.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Schema %1 is a system schema: it is not checked against the convention and no fix ever changes it.</source>
        <translation>Схема %1 системная: она не проверяется по соглашению, и никакое исправление её не меняет.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Fix</source>
        <translation>Исправление</translation>
    </message>
</context>
<context>
    <name>SchemasModel</name>
    <message>
        <location filename="../../src/schemadesk/ui/schemas_model.py" line="+77"/>
        <source>Schema</source>
        <translation>Схема</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Владелец</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables</source>
        <translation>Таблицы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Views</source>
        <translation>Представления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequences</source>
        <translation>Последоват.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Functions</source>
        <translation>Функции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modules</source>
        <translation>Модули</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrations</source>
        <translation>Миграции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>Замечания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distributed</source>
        <translation>Распределена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colocation</source>
        <translation>Группа колокации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>Узел</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size on nodes</source>
        <translation>Размер на узлах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message numerus="yes">
        <location line="+96"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n байт</numerusform>
            <numerusform>%n байта</numerusform>
            <numerusform>%n байт</numerusform>
        </translation>
    </message>
    <message>
        <location line="+43"/>
        <source>distributed</source>
        <translation>распределённая</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>local</source>
        <translation>локальная</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no tables yet</source>
        <translation>пока без таблиц</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>coordinator</source>
        <translation>координатор</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>extension %1</source>
        <translation>расширение %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>system</source>
        <translation>системная</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Belongs to extension %1, which manages its owner and rights: it is not checked against the convention and never changed by a fix.</source>
        <translation>Принадлежит расширению %1, которое само управляет её владельцем и правами: не проверяется по соглашению и никогда не меняется исправлениями.</translation>
    </message>
</context>
<context>
    <name>SchemasView</name>
    <message>
        <location filename="../../src/schemadesk/ui/schemas_view.py" line="+38"/>
        <source>Filter schemas by name, owner or comment</source>
        <translation>Фильтр схем по имени, владельцу или комментарию</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Distribute schema…</source>
        <translation>Распределить схему…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undistribute schema…</source>
        <translation>Отменить распределение схемы…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move tenant to another node…</source>
        <translation>Перенести арендатора на другой узел…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/schemadesk/ui/settings_dialog.py" line="+22"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Colours:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies the next time schemadesk starts.</source>
        <translation>Новый язык вступит в силу при следующем запуске schemadesk.</translation>
    </message>
</context>
<context>
    <name>SqlPreview</name>
    <message>
        <location filename="../../src/schemadesk/ui/sql_preview/preview.py" line="+75"/>
        <source>Raw</source>
        <translation>Исходный</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The file as it is on disk</source>
        <translation>Файл в том виде, в каком он лежит на диске</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rendered</source>
        <translation>С подстановкой</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The SQL that would run, for the schema</source>
        <translation>SQL, который выполнится для этой схемы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diff</source>
        <translation>Сравнение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Raw and rendered side by side</source>
        <translation>Исходный и с подстановкой рядом</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+56"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Copy the text shown, exactly</source>
        <translation>Скопировать показанный текст без изменений</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select a migration or a change set to see its SQL.</source>
        <translation>Выберите миграцию или набор изменений, чтобы увидеть их SQL.</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>schema %1</source>
        <translation>схема %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not rendered</source>
        <translation>без подстановки</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Problems (%1)</source>
        <translation>Проблемы (%1)</translation>
    </message>
</context>
<context>
    <name>SshSection</name>
    <message>
        <location filename="../../src/schemadesk/ui/connections/ssh_section.py" line="+34"/>
        <source>SSH tunnel</source>
        <translation>SSH-туннель</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bastion.example.com or a ~/.ssh/config alias</source>
        <translation>bastion.example.com или псевдоним из ~/.ssh/config</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>22 or ~/.ssh/config</source>
        <translation>22 или ~/.ssh/config</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>your login name or ~/.ssh/config</source>
        <translation>ваше имя входа или ~/.ssh/config</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>~/.ssh/config or the default keys</source>
        <translation>~/.ssh/config или ключи по умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use the SSH a&amp;gent (SSH_AUTH_SOCK)</source>
        <translation>Использовать SSH-а&amp;гент (SSH_AUTH_SOCK)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>user@jump1:22,jump2 or ~/.ssh/config</source>
        <translation>user@jump1:22,jump2 или ~/.ssh/config</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server&apos;s host and port above are as the SSH host sees them (often localhost). Host keys are checked against ~/.ssh/known_hosts; a new one is shown for you to accept, a changed one is refused.</source>
        <translation>Хост и порт сервера выше указываются так, как их видит SSH-хост (часто localhost). Ключи хостов сверяются с ~/.ssh/known_hosts: новый показывается вам для подтверждения, изменившийся отвергается.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SSH host:</source>
        <translation>SSH-хост:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSH port:</source>
        <translation>SSH-порт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSH user:</source>
        <translation>SSH-пользователь:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Identity file:</source>
        <translation>&amp;Файл ключа:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pro&amp;xyJump:</source>
        <translation>Pro&amp;xyJump:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key passphrase:</source>
        <translation>Пароль ключа:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SSH private key</source>
        <translation>Закрытый SSH-ключ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>type the SSH host, or untick the SSH tunnel</source>
        <translation>введите SSH-хост или снимите флажок SSH-туннеля</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the SSH port must be a number from 1 to 65535</source>
        <translation>SSH-порт должен быть числом от 1 до 65535</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>stored in the OS keyring — type to replace it</source>
        <translation>сохранён в хранилище паролей ОС — введите новый, чтобы заменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (the agent, or a key without one); kept in the OS keyring</source>
        <translation>нет (агент или ключ без пароля); хранится в хранилище паролей ОС</translation>
    </message>
</context>
<context>
    <name>StepReview</name>
    <message>
        <location filename="../../src/schemadesk/ui/confirm_steps.py" line="+50"/>
        <source>Migration</source>
        <translation>Миграция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Runs under</source>
        <translation>Выполняется с</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <location line="+5"/>
        <source>Observed</source>
        <translation>Замечено</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+38"/>
        <source>no rehearsal of this plan yet</source>
        <translation>пробного прогона этого плана ещё не было</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>not rehearsed (-- pgdbm:no-transaction): see the lint</source>
        <translation>не прогонялась (-- pgdbm:no-transaction): смотрите lint</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+41"/>
        <source>line %1</source>
        <translation>строка %1</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Lint</source>
        <translation>Lint</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <translation>сведения</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>not rehearsed</source>
        <translation>не прогонялась</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 lock</source>
        <translation>блокировка %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no new lock</source>
        <translation>новых блокировок нет</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n rewrite(s)</source>
        <translation>
            <numerusform>%n перезапись</numerusform>
            <numerusform>%n перезаписи</numerusform>
            <numerusform>%n перезаписей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n lint finding(s)</source>
        <translation>
            <numerusform>%n замечание lint</numerusform>
            <numerusform>%n замечания lint</numerusform>
            <numerusform>%n замечаний lint</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 as the login&apos;s session has it</source>
        <translation>%1 — как в сеансе входа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 back to the login&apos;s default (RESET)</source>
        <translation>%1 — снова значение входа по умолчанию (RESET)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 (none)</source>
        <translation>0 (без ограничения)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 (profile)</source>
        <translation>%1 %2 (профиль)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the migration lock (advisory)</source>
        <translation>блокировке миграций (advisory)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>advisory lock %1</source>
        <translation>advisory-блокировке %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no locks beyond those of earlier steps</source>
        <translation>блокировок сверх взятых предыдущими шагами нет</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dropped</source>
        <translation>удалена</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rewritten (%1 → %2)</source>
        <translation>перезаписана (%1 → %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>new (made by one of the steps from %1 to this one)</source>
        <translation>новая (создана одним из шагов от %1 до этого)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new</source>
        <translation>новая</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>~%1 rows</source>
        <translation>~%1 строк</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lock taken by an earlier step</source>
        <translation>блокировка взята предыдущим шагом</translation>
    </message>
</context>
<context>
    <name>ToolPlurals</name>
    <message numerus="yes">
        <location filename="../../src/schemadesk/ui/core_texts/problems_tools.py" line="+8"/>
        <source>%n target problem(s); nothing was run: {problems}</source>
        <translation>
            <numerusform>%n проблема с целью; ничего не запущено: {problems}</numerusform>
            <numerusform>%n проблемы с целями; ничего не запущено: {problems}</numerusform>
            <numerusform>%n проблем с целями; ничего не запущено: {problems}</numerusform>
        </translation>
    </message>
</context>
</TS>
