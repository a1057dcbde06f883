<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Annotate</name>
        <message numerus="yes">
            <location filename="../../ui/annotate/stats_panel.py" line="60" />
            <source>{who}: the left answer won {left} of %Ln choice(s) ({rate}, 95 % interval {low} – {high}).</source>
            <translation>
                <numerusform>{who}: the left answer won {left} of %Ln choice ({rate}, 95 % interval {low} – {high}).</numerusform>
                <numerusform>{who}: the left answer won {left} of %Ln choices ({rate}, 95 % interval {low} – {high}).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AnnotateDialogs</name>
        <message numerus="yes">
            <location filename="../../ui/annotate/generate_settings.py" line="36" />
            <source>%Ln call(s)</source>
            <translation>
                <numerusform>%Ln call</numerusform>
                <numerusform>%Ln calls</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/generate_settings.py" line="37" />
            <source>%Ln prompt(s)</source>
            <translation>
                <numerusform>%Ln prompt</numerusform>
                <numerusform>%Ln prompts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/generate_settings.py" line="38" />
            <source>%Ln answer(s)</source>
            <translation>
                <numerusform>%Ln answer</numerusform>
                <numerusform>%Ln answers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/merge_dialog.py" line="48" />
            <source>%Ln already here</source>
            <translation>
                <numerusform>%Ln already here</numerusform>
                <numerusform>%Ln already here</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchJudgementWidget</name>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_judgement.py" line="181" />
            <source>Sent %Ln comparison(s) to the queue “{name}”.</source>
            <translation>
                <numerusform>Sent %Ln comparison to the queue “{name}”.</numerusform>
                <numerusform>Sent %Ln comparisons to the queue “{name}”.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchRunPanel</name>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_panel.py" line="213" />
            <source>{done} of %Ln call(s) answered · {failed} failed</source>
            <translation>
                <numerusform>{done} of %Ln call answered · {failed} failed</numerusform>
                <numerusform>{done} of %Ln calls answered · {failed} failed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchSetupWidget</name>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="115" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln example)</numerusform>
                <numerusform>{name} (%Ln examples)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="198" />
            <source>%Ln call(s)</source>
            <translation>
                <numerusform>%Ln call</numerusform>
                <numerusform>%Ln calls</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="198" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln example</numerusform>
                <numerusform>%Ln examples</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="199" />
            <source>%Ln model(s)</source>
            <translation>
                <numerusform>%Ln model</numerusform>
                <numerusform>%Ln models</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DatasetChooser</name>
        <message numerus="yes">
            <location filename="../../ui/playground/save_example_dialog.py" line="116" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln example)</numerusform>
                <numerusform>{name} (%Ln examples)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DatasetEdits</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/commands.py" line="158" />
            <source>Delete %Ln example(s)</source>
            <translation>
                <numerusform>Delete %Ln example</numerusform>
                <numerusform>Delete %Ln examples</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/commands.py" line="181" />
            <source>Duplicate %Ln example(s)</source>
            <translation>
                <numerusform>Duplicate %Ln example</numerusform>
                <numerusform>Duplicate %Ln examples</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Datasets</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/dataset_actions.py" line="97" />
            <source>Exported %Ln example(s) to {path}</source>
            <translation>
                <numerusform>Exported %Ln example to {path}</numerusform>
                <numerusform>Exported %Ln examples to {path}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dataset_actions.py" line="137" />
            <source>Delete “{name}” and its %Ln example(s)? This cannot be undone.</source>
            <translation>
                <numerusform>Delete “{name}” and its only example? This cannot be undone.</numerusform>
                <numerusform>Delete “{name}” and its %Ln examples? This cannot be undone.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/example_actions.py" line="57" />
            <source>Deleted %Ln example(s). Undo with Ctrl+Z.</source>
            <translation>
                <numerusform>Deleted %Ln example. Undo with Ctrl+Z.</numerusform>
                <numerusform>Deleted %Ln examples. Undo with Ctrl+Z.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DatasetsTableModel</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/datasets_list.py" line="77" />
            <source>%Ln error(s)</source>
            <translation>
                <numerusform>%Ln error</numerusform>
                <numerusform>%Ln errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/datasets_list.py" line="78" />
            <source>%Ln warning(s)</source>
            <translation>
                <numerusform>%Ln warning</numerusform>
                <numerusform>%Ln warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="106" />
            <source>%Ln group(s) of duplicates</source>
            <translation>
                <numerusform>%Ln group of duplicates</numerusform>
                <numerusform>%Ln groups of duplicates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="107" />
            <source>%Ln example(s) would be removed</source>
            <translation>
                <numerusform>%Ln example would be removed</numerusform>
                <numerusform>%Ln examples would be removed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExamplesPane</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/examples_pane.py" line="149" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln example</numerusform>
                <numerusform>%Ln examples</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/examples_pane.py" line="152" />
            <source>Matching the filters: {n} of %Ln example(s)</source>
            <translation>
                <numerusform>Matching the filters: {n} of %Ln example</numerusform>
                <numerusform>Matching the filters: {n} of %Ln examples</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Graders</name>
        <message numerus="yes">
            <location filename="../../ui/graders/dialog.py" line="197" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln example)</numerusform>
                <numerusform>{name} (%Ln examples)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/dialog.py" line="299" />
            <source>It still has %Ln error(s): fix them before training.</source>
            <translation>
                <numerusform>It still has %Ln error: fix it before training.</numerusform>
                <numerusform>It still has %Ln errors: fix them before training.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/editor.py" line="222" />
            <source>Checked against “{name}” (%Ln example(s)): see the lines above.</source>
            <translation>
                <numerusform>Checked against “{name}” (%Ln example): see the lines above.</numerusform>
                <numerusform>Checked against “{name}” (%Ln examples): see the lines above.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/editor.py" line="227" />
            <source>✔ Every field the grader reads is in all %Ln examples of “{name}”.</source>
            <translation>
                <numerusform>✔ Every field the grader reads is in the only example of “{name}”.</numerusform>
                <numerusform>✔ Every field the grader reads is in all %Ln examples of “{name}”.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="43" />
            <source>%Ln answer(s) scored · average {mean} · lowest {low} · highest {high}</source>
            <translation>
                <numerusform>%Ln answer scored · average {mean} · lowest {low} · highest {high}</numerusform>
                <numerusform>%Ln answers scored · average {mean} · lowest {low} · highest {high}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="53" />
            <source>ℹ %Ln answer(s) could not be scored: {why}</source>
            <translation>
                <numerusform>ℹ %Ln answer could not be scored: {why}</numerusform>
                <numerusform>ℹ %Ln answers could not be scored: {why}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="129" />
            <source>{name} (%Ln answer(s))</source>
            <translation>
                <numerusform>{name} (%Ln answer)</numerusform>
                <numerusform>{name} (%Ln answers)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/reward_chart.py" line="31" />
            <source>%Ln answer(s) in {b} score bands from 0 to 1</source>
            <translation>
                <numerusform>%Ln answer in {b} score bands from 0 to 1</numerusform>
                <numerusform>%Ln answers in {b} score bands from 0 to 1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/reward_chart.py" line="70" />
            <source>%Ln answer(s) scored {low}–{high}</source>
            <translation>
                <numerusform>%Ln answer scored {low}–{high}</numerusform>
                <numerusform>%Ln answers scored {low}–{high}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/words.py" line="56" />
            <source>ROUGE-%n: shared runs of %n words (common for summaries)</source>
            <translation>
                <numerusform>ROUGE-%n: shared words (common for summaries)</numerusform>
                <numerusform>ROUGE-%n: shared runs of %n words (common for summaries)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistogramWidget</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/histogram.py" line="71" />
            <source>%Ln example(s) with {low}–{high} {unit}</source>
            <translation>
                <numerusform>%Ln example with {low}–{high} {unit}</numerusform>
                <numerusform>%Ln examples with {low}–{high} {unit}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>JudgePanel</name>
        <message numerus="yes">
            <location filename="../../ui/annotate/judge_panel.py" line="214" />
            <source> (%Ln skipped — filter the list by “Skipped” to judge them)</source>
            <translation>
                <numerusform> (%Ln skipped — filter the list by “Skipped” to judge it)</numerusform>
                <numerusform> (%Ln skipped — filter the list by “Skipped” to judge them)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/judge_panel.py" line="217" />
            <source>All %Ln comparison(s) in “{queue}” are judged{skipped}.
Export them as DPO training data, or pick one from the list to judge it again.</source>
            <translation>
                <numerusform>The only comparison in “{queue}” is judged{skipped}.
Export it as DPO training data, or pick it in the list to judge it again.</numerusform>
                <numerusform>All %Ln comparisons in “{queue}” are judged{skipped}.
Export them as DPO training data, or pick one from the list to judge it again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>JudgingSession</name>
        <message numerus="yes">
            <location filename="../../ui/annotate/session.py" line="189" />
            <source> · %Ln skipped</source>
            <translation>
                <numerusform> · %Ln skipped</numerusform>
                <numerusform> · %Ln skipped</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LaunchSummaryWidget</name>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="46" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln example</numerusform>
                <numerusform>%Ln examples</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="49" />
            <source>%Ln epoch(s)</source>
            <translation>
                <numerusform>%Ln epoch</numerusform>
                <numerusform>%Ln epochs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="68" />
            <source>… and %Ln more warning(s)</source>
            <translation>
                <numerusform>… and %Ln more warning</numerusform>
                <numerusform>… and %Ln more warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LaunchWizard</name>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_wizard.py" line="316" />
            <source>%1 — %Ln example(s)</source>
            <translation>
                <numerusform>%1 — %Ln example</numerusform>
                <numerusform>%1 — %Ln examples</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LineChartWidget</name>
        <message numerus="yes">
            <location filename="../../ui/jobs/chart.py" line="74" />
            <source>{label}: %Ln point(s), last {value}</source>
            <translation>
                <numerusform>{label}: %Ln point, last {value}</numerusform>
                <numerusform>{label}: %Ln points, last {value}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ModelChoiceWidget</name>
        <message numerus="yes">
            <location filename="../../ui/jobs/model_choice.py" line="144" />
            <source> (in %Ln day(s))</source>
            <translation>
                <numerusform> (in %Ln day)</numerusform>
                <numerusform> (in %Ln days)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SendPairDialog</name>
        <message numerus="yes">
            <location filename="../../ui/playground/send_pair_dialog.py" line="273" />
            <source>It has %Ln problem(s) to fix in the Datasets view before training.</source>
            <translation>
                <numerusform>It has %Ln problem to fix in the Datasets view before training.</numerusform>
                <numerusform>It has %Ln problems to fix in the Datasets view before training.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SplitDialog</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="68" />
            <source>%Ln example(s) for training, {v} for validation.</source>
            <translation>
                <numerusform>%Ln example for training, {v} for validation.</numerusform>
                <numerusform>%Ln examples for training, {v} for validation.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatsPanel</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="101" />
            <source>%Ln epoch(s) (predicted) · {tokens} billable tokens</source>
            <translation>
                <numerusform>%Ln epoch (predicted) · {tokens} billable tokens</numerusform>
                <numerusform>%Ln epochs (predicted) · {tokens} billable tokens</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="103" />
            <source>%Ln epoch(s) (chosen) · {tokens} billable tokens</source>
            <translation>
                <numerusform>%Ln epoch (chosen) · {tokens} billable tokens</numerusform>
                <numerusform>%Ln epochs (chosen) · {tokens} billable tokens</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="106" />
            <source> · %Ln too long, would be cut</source>
            <translation>
                <numerusform> · %Ln too long, would be cut</numerusform>
                <numerusform> · %Ln too long, would be cut</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SystemPromptDialog</name>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="127" />
            <source>Applies to %Ln selected example(s); you can undo it.</source>
            <translation>
                <numerusform>Applies to %Ln selected example; you can undo it.</numerusform>
                <numerusform>Applies to %Ln selected examples; you can undo it.</numerusform>
            </translation>
        </message>
    </context>
</TS>
