<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
    <context>
        <name>Annotate</name>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="31" />
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="32" />
            <source>Instructions</source>
            <translation>Instruções</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="33" />
            <source>User</source>
            <translation>Usuário</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="34" />
            <source>Assistant</source>
            <translation>Assistente</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="35" />
            <source>Tool result</source>
            <translation>Resultado da ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="37" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="53" />
            <source>[image]</source>
            <translation>[imagem]</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="56" />
            <source>[calls the tool {name} with {args}]</source>
            <translation>[chama a ferramenta {name} com {args}]</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="28" />
            <source>✓ A better</source>
            <translation>✓ A melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="29" />
            <source>✓ B better</source>
            <translation>✓ B melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="31" />
            <source>✓ A or B better</source>
            <translation>✓ A ou B melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="32" />
            <source>= Tie</source>
            <translation>= Empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="33" />
            <source>✗ Both bad</source>
            <translation>✗ Ambas ruins</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="34" />
            <source>↷ Skipped</source>
            <translation>↷ Pulada</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="53" />
            <source>A is better</source>
            <translation>A é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="53" />
            <source>B is better</source>
            <translation>B é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="54" />
            <source>Tie</source>
            <translation>Empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="54" />
            <source>Both bad</source>
            <translation>Ambas ruins</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="55" />
            <source>Skipped</source>
            <translation>Pulada</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="49" />
            <source>not defined</source>
            <translation>não definido</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="50" />
            <source>no better than chance</source>
            <translation>não supera o acaso</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="50" />
            <source>slight</source>
            <translation>leve</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="50" />
            <source>fair</source>
            <translation>razoável</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="51" />
            <source>moderate</source>
            <translation>moderada</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="51" />
            <source>substantial</source>
            <translation>substancial</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="52" />
            <source>almost perfect</source>
            <translation>quase perfeita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="59" />
            <source>{who}: no answer chosen yet.</source>
            <translation>{who}: nenhuma resposta escolhida ainda.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/stats_panel.py" line="60" />
            <source>{who}: the left answer won {left} of %Ln choice(s) ({rate}, 95 % interval {low} – {high}).</source>
            <translation>
                <numerusform>{who}: a resposta da esquerda venceu em {left} de %Ln escolha ({rate}, IC 95% {low} – {high}).</numerusform>
                <numerusform>{who}: a resposta da esquerda venceu em {left} de %Ln escolhas ({rate}, IC 95% {low} – {high}).</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="64" />
            <source>⚠ The left side is favoured more than chance explains.</source>
            <translation>⚠ O lado esquerdo vence mais do que o acaso explicaria.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="66" />
            <source>⚠ The right side is favoured more than chance explains.</source>
            <translation>⚠ O lado direito vence mais do que o acaso explicaria.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="67" />
            <source>✓ No sign of a position bias.</source>
            <translation>✓ Nenhum sinal de viés de posição.</translation>
        </message>
    </context>
    <context>
        <name>AnnotateDialogs</name>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="70" />
            <source>{0} pair will be exported</source>
            <translation>{0} par será exportado</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="71" />
            <source>{0} pairs will be exported</source>
            <translation>{0} pares serão exportados</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="72" />
            <source>No pair can be exported yet</source>
            <translation>Ainda não há pares para exportar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="74" />
            <source>{0} tie</source>
            <translation>{0} empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="74" />
            <source>{0} ties</source>
            <translation>{0} empates</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="75" />
            <source>{0} skip</source>
            <translation>{0} pulada</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="75" />
            <source>{0} skips</source>
            <translation>{0} puladas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="77" />
            <source>{0} left out</source>
            <translation>ficam de fora: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="77" />
            <source> and </source>
            <translation> e </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="80" />
            <source>{0} item judged both bad without a rewrite (item {1}) — rewrite it first to include it</source>
            <translation>{0} item julgado como ambas ruins sem reescrita (item {1}) — reescreva-o primeiro para incluí-lo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="82" />
            <source>{0} items judged both bad without a rewrite (items {1}) — rewrite them first to include them</source>
            <translation>{0} itens julgados como ambas ruins sem reescrita (itens {1}) — reescreva-os primeiro para incluí-los</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="87" />
            <source>{0} item where annotators disagree (item {1}) — left out; settle it, or export one annotator's judgements</source>
            <translation>{0} item em que os anotadores discordam (item {1}) — fica de fora; resolva a divergência ou exporte os julgamentos de um só anotador</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="89" />
            <source>{0} items where annotators disagree (items {1}) — left out; settle them, or export one annotator's judgements</source>
            <translation>{0} itens em que os anotadores discordam (itens {1}) — ficam de fora; resolva as divergências ou exporte os julgamentos de um só anotador</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="97" />
            <source>Exported {0} pair to the new DPO dataset “{1}”.</source>
            <translation>{0} par exportado para o novo conjunto de dados DPO “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="98" />
            <source>Exported {0} pairs to the new DPO dataset “{1}”.</source>
            <translation>{0} pares exportados para o novo conjunto de dados DPO “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="100" />
            <source>Some examples need a look (the number is the example's place in the new dataset):</source>
            <translation>Alguns exemplos precisam de atenção (o número é a posição do exemplo no novo conjunto de dados):</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="35" />
            <source>About {calls} ({prompts} × {answers})</source>
            <translation>Cerca de {calls} ({prompts} × {answers})</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/generate_settings.py" line="36" />
            <source>%Ln call(s)</source>
            <translation>
                <numerusform>%Ln chamada</numerusform>
                <numerusform>%Ln chamadas</numerusform>
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
                <numerusform>%Ln resposta</numerusform>
                <numerusform>%Ln respostas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="41" />
            <source>no price known for {0}, so the cost cannot be estimated.</source>
            <translation>preço desconhecido para {0}, então não é possível estimar o custo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="43" />
            <source>about {0}</source>
            <translation>cerca de {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="46" />
            <source>(no price known for {0}, not counted)</source>
            <translation>(preço desconhecido para {0}, fora da conta)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="53" />
            <source>• {1}: {0} call failed — {2}</source>
            <translation>• {1}: {0} chamada falhou — {2}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="54" />
            <source>• {1}: {0} calls failed — {2}</source>
            <translation>• {1}: {0} chamadas falharam — {2}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="65" />
            <source>Stopped after {0} of {1} calls; the answers so far are kept.</source>
            <translation>Interrompido após {0} de {1} chamadas; as respostas obtidas até aqui são mantidas.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="66" />
            <source>Stopped.</source>
            <translation>Interrompido.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="67" />
            <source>Resume goes on with the rest.</source>
            <translation>Retomar continua com o restante.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="69" />
            <location filename="../../ui/annotate/import_dialog.py" line="53" />
            <source>Added {0} comparison to “{1}”.</source>
            <translation>{0} comparação adicionada a “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="70" />
            <location filename="../../ui/annotate/import_dialog.py" line="54" />
            <source>Added {0} comparisons to “{1}”.</source>
            <translation>{0} comparações adicionadas a “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="72" />
            <source>A comparison needs two answers to the same prompt, and no prompt got two.</source>
            <translation>Uma comparação precisa de duas respostas ao mesmo prompt, e nenhum prompt recebeu duas.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="74" />
            <source>Some answers are missing (prompts with fewer than two answers are left out; Resume tries the failed calls again):</source>
            <translation>Faltam algumas respostas (prompts com menos de duas respostas ficam de fora; Retomar tenta de novo as chamadas que falharam):</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="58" />
            <source>{0} was already in the queue and was not added again.</source>
            <translation>{0} já estava na fila e não foi adicionada de novo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="59" />
            <source>{0} were already in the queue and were not added again.</source>
            <translation>{0} já estavam na fila e não foram adicionadas de novo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="61" />
            <source>{0} line skipped:</source>
            <translation>{0} linha pulada:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="62" />
            <source>{0} lines skipped:</source>
            <translation>{0} linhas puladas:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="64" />
            <source>Notes on the file:</source>
            <translation>Observações sobre o arquivo:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="184" />
            <source>A new queue's name, or pick one to add to it</source>
            <translation>Nome de uma nova fila, ou escolha uma para adicionar a ela</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="185" />
            <source>Queue</source>
            <translation>Fila</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="196" />
            <location filename="../../ui/annotate/merge_dialog.py" line="29" />
            <source>{0} comparison</source>
            <translation>{0} comparação</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="197" />
            <location filename="../../ui/annotate/merge_dialog.py" line="29" />
            <source>{0} comparisons</source>
            <translation>{0} comparações</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="28" />
            <source>{0} queue</source>
            <translation>{0} fila</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="28" />
            <source>{0} queues</source>
            <translation>{0} filas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="30" />
            <source>{0} judgement</source>
            <translation>{0} julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="30" />
            <source>{0} judgements</source>
            <translation>{0} julgamentos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="36" />
            <source>{0} and {1}</source>
            <translation>{0} e {1}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="38" />
            <source>Added {0}</source>
            <translation>Itens adicionados: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="40" />
            <source>{0} judgement replaced by a newer one</source>
            <translation>{0} julgamento substituído por um mais recente</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="41" />
            <source>{0} judgements replaced by newer ones</source>
            <translation>{0} julgamentos substituídos por outros mais recentes</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="44" />
            <source>There was nothing to merge: the other copy holds no judgements.</source>
            <translation>Não havia nada para mesclar: a outra cópia não tem julgamentos.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="45" />
            <source>Nothing new: its {0} judgement is already here.</source>
            <translation>Nada de novo: {0} julgamento da outra cópia já está aqui.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="46" />
            <source>Nothing new: its {0} judgements are already here (or newer ones are).</source>
            <translation>Nada de novo: os {0} julgamentos da outra cópia já estão aqui (ou outros mais recentes).</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/merge_dialog.py" line="48" />
            <source>%Ln already here</source>
            <translation>
                <numerusform>%Ln já estava aqui</numerusform>
                <numerusform>%Ln já estavam aqui</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AnnotateShortcuts</name>
        <message>
            <location filename="../../ui/annotate/view.py" line="43" />
            <source>Answer A is better</source>
            <translation>A resposta A é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="43" />
            <source>1 or ←</source>
            <translation>1 ou ←</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="44" />
            <source>Answer B is better</source>
            <translation>A resposta B é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="44" />
            <source>2 or →</source>
            <translation>2 ou →</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="45" />
            <source>Tie</source>
            <translation>Empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="46" />
            <source>Both answers are bad</source>
            <translation>As duas respostas são ruins</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="47" />
            <source>Skip for now</source>
            <translation>Pular por enquanto</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="47" />
            <source>Space</source>
            <translation>Espaço</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="48" />
            <source>Undo the last judgement</source>
            <translation>Desfazer o último julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="49" />
            <source>Rewrite the better answer</source>
            <translation>Reescrever a melhor resposta</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="50" />
            <source>Save the rewrite</source>
            <translation>Salvar a reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="51" />
            <source>Type a note on the judgement</source>
            <translation>Escrever uma observação sobre o julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="52" />
            <source>Back to judging (from the note or the list)</source>
            <translation>Voltar a julgar (da observação ou da lista)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="53" />
            <source>Highlight the differences</source>
            <translation>Destacar as diferenças</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="54" />
            <source>Reveal the sources after judging</source>
            <translation>Revelar as origens depois de julgar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="55" />
            <source>Scroll the answers / the conversation</source>
            <translation>Rolar as respostas / a conversa</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="56" />
            <source>Import comparisons</source>
            <translation>Importar comparações</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="57" />
            <source>Generate answers</source>
            <translation>Gerar respostas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="58" />
            <source>Export to DPO</source>
            <translation>Exportar para DPO</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="59" />
            <source>Merge a colleague's copy</source>
            <translation>Mesclar a cópia de um colega</translation>
        </message>
    </context>
    <context>
        <name>AnnotateView</name>
        <message>
            <location filename="../../ui/annotate/view.py" line="77" />
            <location filename="../../ui/annotate/view.py" line="106" />
            <source>Annotate</source>
            <translation>Anotar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="108" />
            <source>Queue</source>
            <translation>Fila</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="111" />
            <source>The set of comparisons to judge, with how many are done</source>
            <translation>As comparações a julgar e quantas já foram julgadas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="113" />
            <source>&amp;Queue:</source>
            <translation>&amp;Fila:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="117" />
            <source>Import…</source>
            <translation>Importar…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="118" />
            <source>Add comparisons from a file: DPO pairs, prompts with several answers, or a CSV</source>
            <translation>Adicionar comparações de um arquivo: pares DPO, prompts com várias respostas ou um CSV</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="119" />
            <source>Generate…</source>
            <translation>Gerar…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="120" />
            <source>Have two or more models answer the prompts of a dataset</source>
            <translation>Fazer dois ou mais modelos responderem aos prompts de um conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="121" />
            <source>Export to DPO…</source>
            <translation>Exportar para DPO…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="122" />
            <source>Turn the judgements into a DPO dataset</source>
            <translation>Transformar os julgamentos em um conjunto de dados DPO</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="123" />
            <source>Merge a colleague's copy…</source>
            <translation>Mesclar a cópia de um colega…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="124" />
            <source>Bring in the judgements from a copy of this project someone else worked on</source>
            <translation>Trazer os julgamentos de uma cópia deste projeto em que outra pessoa trabalhou</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="132" />
            <source>Your name as annotator</source>
            <translation>Seu nome como anotador</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="133" />
            <source>Your judgements are signed with this name, so a team's work can be merged and compared</source>
            <translation>Seus julgamentos são assinados com este nome, para que o trabalho de uma equipe possa ser mesclado e comparado</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="136" />
            <source>&amp;Judging as:</source>
            <translation>Julgando &amp;como:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="162" />
            <source>&amp;Judge</source>
            <translation>&amp;Julgar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="163" />
            <source>&amp;Statistics</source>
            <translation>&amp;Estatísticas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="186" />
            <source>No comparisons to judge yet</source>
            <translation>Ainda não há comparações para julgar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="187" />
            <source>Here you compare two answers to the same question without knowing which model wrote which, and pick the better one from the keyboard. Your choices become preference (DPO) training data. Import answers you already have, or let two or more models answer the prompts of a dataset.</source>
            <translation>Aqui você compara duas respostas à mesma pergunta sem saber qual modelo escreveu cada uma e escolhe a melhor pelo teclado. Suas escolhas viram dados de treinamento de preferência (DPO). Importe respostas que você já tem ou deixe dois ou mais modelos responderem aos prompts de um conjunto de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="181" />
            <source>Import a file…</source>
            <translation>Importar um arquivo…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="184" />
            <source>Generate answers…</source>
            <translation>Gerar respostas…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="246" />
            <source>{name} — {judged} / {items} done</source>
            <translation>{name} — {judged} / {items} julgadas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="296" />
            <source>This part of the annotator is not available in this build.</source>
            <translation>Esta parte da anotação não está disponível nesta versão.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/view.py" line="320" />
            <source>Choose a queue to export first.</source>
            <translation>Escolha primeiro uma fila para exportar.</translation>
        </message>
    </context>
    <context>
        <name>AnnotationStatsPanel</name>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="121" />
            <source>Annotators</source>
            <translation>Anotadores</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="121" />
            <source>Judged by both</source>
            <translation>Julgadas por ambos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="121" />
            <source>Agreement</source>
            <translation>Concordância</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="122" />
            <source>Cohen's κ</source>
            <translation>κ de Cohen</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="122" />
            <source>In words</source>
            <translation>Em palavras</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="125" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="125" />
            <source>Wins</source>
            <translation>Vitórias</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="125" />
            <source>Ties</source>
            <translation>Empates</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="125" />
            <source>Losses</source>
            <translation>Derrotas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="126" />
            <source>Both bad</source>
            <translation>Ambas ruins</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="126" />
            <source>Win-rate</source>
            <translation>Taxa de vitória</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="126" />
            <source>95 % interval</source>
            <translation>IC 95%</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="132" />
            <source>Agreement between annotators</source>
            <translation>Concordância entre anotadores</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="134" />
            <source>On the comparisons both judged (skips left out): how often they made the same choice, and Cohen's κ, which discounts the agreement expected by chance (1 = always agree, 0 = chance).</source>
            <translation>Nas comparações que os dois julgaram (sem contar as puladas): com que frequência fizeram a mesma escolha, e o κ de Cohen, que desconta a concordância esperada pelo acaso (1 = sempre concordam, 0 = acaso).</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="139" />
            <source>Position bias</source>
            <translation>Viés de posição</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="142" />
            <source>Results per source model</source>
            <translation>Resultados por modelo de origem</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="144" />
            <source>Over every judged comparison the model took part in; a tie counts as half a win in the win-rate. The interval is where the true win-rate lies with 95 % confidence.</source>
            <translation>Considera todas as comparações julgadas de que o modelo participou; na taxa de vitória, um empate conta como meia vitória. O intervalo é onde está a taxa de vitória real, com 95% de confiança.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="156" />
            <source>&lt;b&gt;No queue selected&lt;/b&gt;</source>
            <translation>&lt;b&gt;Nenhuma fila selecionada&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="161" />
            <source>&lt;b&gt;Statistics of “{queue}”&lt;/b&gt;</source>
            <translation>&lt;b&gt;Estatísticas de “{queue}”&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="166" />
            <source>Agreement needs two annotators who judged the same comparisons. Merge a colleague's copy of the project (toolbar: “Merge a colleague's copy…”) to see it.</source>
            <translation>A concordância precisa de dois anotadores que julgaram as mesmas comparações. Mescle a cópia do projeto de um colega (barra de ferramentas: “Mesclar a cópia de um colega…”) para vê-la.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="169" />
            <source>Everyone</source>
            <translation>Todos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="170" />
            <source>You ({name})</source>
            <translation>Você ({name})</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="175" />
            <source>(source not recorded)</source>
            <translation>(origem não registrada)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/stats_panel.py" line="180" />
            <source>No judged comparison names its models yet (imported files do not say which model wrote an answer).</source>
            <translation>Nenhuma comparação julgada indica seus modelos ainda (arquivos importados não dizem qual modelo escreveu cada resposta).</translation>
        </message>
    </context>
    <context>
        <name>AnswerPaneWidget</name>
        <message>
            <location filename="../../ui/playground/pane.py" line="151" />
            <location filename="../../ui/playground/pane.py" line="152" />
            <source>Remove this pane</source>
            <translation>Remover este painel</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="167" />
            <source>Show this pane's parameters</source>
            <translation>Mostrar os parâmetros deste painel</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="178" />
            <source>Answers</source>
            <translation>Respostas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="184" />
            <source>How the answer went</source>
            <translation>Como foi a resposta</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="189" />
            <source>Stop</source>
            <translation>Parar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="190" />
            <source>Stop this answer (Esc stops all)</source>
            <translation>Parar esta resposta (Esc para todas)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="193" />
            <source>Save as example…</source>
            <translation>Salvar como exemplo…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="194" />
            <source>Save the conversation with this answer as a training example (Ctrl+S)</source>
            <translation>Salvar a conversa com esta resposta como exemplo de treinamento (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="260" />
            <source>this model</source>
            <translation>este modelo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="279" />
            <source>These parameters are set but this model does not take them.</source>
            <translation>Estes parâmetros estão definidos, mas este modelo não os aceita.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="299" />
            <source>Parameters: %1</source>
            <translation>Parâmetros: %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="300" />
            <source>This pane's own parameters: %1</source>
            <translation>Parâmetros próprios deste painel: %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="315" />
            <source>Answers appear here. Type a message below and press Send.</source>
            <translation>As respostas aparecem aqui. Digite uma mensagem abaixo e clique em Enviar.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="331" />
            <source>Waiting for the first token…</source>
            <translation>Aguardando o primeiro token…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="337" />
            <source>Answering… first token in %1 s</source>
            <translation>Respondendo… primeiro token em %1 s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="350" />
            <source>Error: %1</source>
            <translation>Erro: %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="361" />
            <source>Failed after %1 s</source>
            <translation>Falhou após %1 s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="363" />
            <source>Stopped after %1 s</source>
            <translation>Interrompida após %1 s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="365" />
            <source>Done in %1 s</source>
            <translation>Concluída em %1 s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="368" />
            <source>first token %1 s</source>
            <translation>primeiro token: %1 s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="371" />
            <source>%1 in / %2 out tokens</source>
            <translation>tokens: %1 de entrada / %2 de saída</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="375" />
            <source>cost shown after Reveal</source>
            <translation>custo exibido após Revelar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="379" />
            <source>no price known</source>
            <translation>preço desconhecido</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="381" />
            <source>cut at the length limit</source>
            <translation>cortada no limite de tamanho</translation>
        </message>
    </context>
    <context>
        <name>AnswerView</name>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="184" />
            <source>&lt;b&gt;Answer {letter}&lt;/b&gt;</source>
            <translation>&lt;b&gt;Resposta {letter}&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="192" />
            <source>Answer {letter}</source>
            <translation>Resposta {letter}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="218" />
            <source>from {model}</source>
            <translation>de {model}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="218" />
            <source>source not recorded</source>
            <translation>origem não registrada</translation>
        </message>
    </context>
    <context>
        <name>AppContext</name>
        <message>
            <location filename="../../ui/app_context.py" line="154" />
            <source>There is no connection yet. Add one in Settings → Connections.</source>
            <translation>Ainda não há conexão. Adicione uma em Configurações → Conexões.</translation>
        </message>
    </context>
    <context>
        <name>BatchJudgementWidget</name>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="53" />
            <source>Human judgement</source>
            <translation>Julgamento humano</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="64" />
            <source>Model A</source>
            <translation>Modelo A</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="66" />
            <source>Model B</source>
            <translation>Modelo B</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="68" />
            <source>Annotator queue</source>
            <translation>Fila de anotação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="69" />
            <source>The queue the annotator judges the pairs in (a new name makes a new one).</source>
            <translation>A fila em que o anotador julga os pares (um nome novo cria uma fila nova).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="70" />
            <source>Send to &amp;annotator</source>
            <translation>Enviar ao &amp;anotador</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="72" />
            <source>Add every example answered by both models as a comparison; the annotator sees the two answers in random order, without the model names.</source>
            <translation>Adicionar como comparação cada exemplo respondido pelos dois modelos; o anotador vê as duas respostas em ordem aleatória, sem os nomes dos modelos.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="75" />
            <source>&amp;Compare</source>
            <translation>&amp;Comparar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="77" />
            <source>in the &amp;queue</source>
            <translation>na &amp;fila</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="79" />
            <source>with</source>
            <translation>com</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="87" />
            <source>Re&amp;fresh</source>
            <translation>A&amp;tualizar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="88" />
            <source>Read the latest judgements</source>
            <translation>Ler os julgamentos mais recentes</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="134" />
            <source>Batch run: {name}</source>
            <translation>Execução em lote: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="144" />
            <source>Send the run to the annotator to learn which model people prefer.</source>
            <translation>Envie a execução ao anotador para saber qual modelo as pessoas preferem.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="146" />
            <source>No judgements yet.</source>
            <translation>Ainda não há julgamentos.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="147" />
            <source>{a} beats {b} in {rate}% of judged comparisons (95% CI {low}–{high}%; judged: {n}, ties: {ties})</source>
            <translation>{a} vence {b} em {rate}% das comparações julgadas (IC 95% {low}–{high}%; julgadas: {n}, empates: {ties})</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_judgement.py" line="181" />
            <source>Sent %Ln comparison(s) to the queue “{name}”.</source>
            <translation>
                <numerusform>%Ln comparação enviada para a fila “{name}”.</numerusform>
                <numerusform>%Ln comparações enviadas para a fila “{name}”.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="158" />
            <source>⚠ Choose two different models to compare.</source>
            <translation>⚠ Escolha dois modelos diferentes para comparar.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="161" />
            <source>⚠ Type the name of the queue the annotator should judge the pairs in.</source>
            <translation>⚠ Digite o nome da fila em que o anotador deve julgar os pares.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="174" />
            <source>⚠ The pairs could not be sent: {e}</source>
            <translation>⚠ Não foi possível enviar os pares: {e}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_judgement.py" line="177" />
            <source>The pairs could not be sent to the annotator.</source>
            <translation>Não foi possível enviar os pares ao anotador.</translation>
        </message>
    </context>
    <context>
        <name>BatchResultsTableModel</name>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="79" />
            <source>Example</source>
            <translation>Exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="81" />
            <source>Dataset answer</source>
            <translation>Resposta do conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="99" />
            <source>—</source>
            <translation>—</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="114" />
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="116" />
            <source>Not run yet</source>
            <translation>Ainda não executado</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="120" />
            <source>⚠ failed</source>
            <translation>⚠ falhou</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="122" />
            <source>Failed: {reason}</source>
            <translation>Falhou: {reason}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="122" />
            <source>no reason given</source>
            <translation>motivo não informado</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="131" />
            <source>{s} s</source>
            <translation>{s} s</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_results_model.py" line="133" />
            <source>{i} → {o} tokens</source>
            <translation>{i} → {o} tokens</translation>
        </message>
    </context>
    <context>
        <name>BatchRunPanel</name>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="87" />
            <source>Runs</source>
            <translation>Execuções</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="89" />
            <source>&amp;Run:</source>
            <translation>E&amp;xecução:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="94" />
            <source>Progress of the run</source>
            <translation>Progresso da execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="96" />
            <source>St&amp;op</source>
            <translation>&amp;Parar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="97" />
            <source>Stop the run; the answers so far are kept and you can resume later.</source>
            <translation>Parar a execução; as respostas obtidas até aqui são mantidas e você pode retomar depois.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="99" />
            <source>Res&amp;ume</source>
            <translation>R&amp;etomar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="100" />
            <source>Go on with the calls not answered yet (failed ones are tried again).</source>
            <translation>Continuar com as chamadas ainda sem resposta (as que falharam são tentadas de novo).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="110" />
            <source>Results of the run</source>
            <translation>Resultados da execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="163" />
            <source>No runs yet — set one up on the left</source>
            <translation>Nenhuma execução ainda — configure uma à esquerda</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="171" />
            <source>not started</source>
            <translation>não iniciada</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="171" />
            <source>running</source>
            <translation>em execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="171" />
            <source>stopped</source>
            <translation>interrompida</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="172" />
            <source>finished</source>
            <translation>concluída</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="174" />
            <source>{name} — {status}, {created}</source>
            <translation>{name} — {status}, {created}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="189" />
            <source>Showing the first {n} examples.</source>
            <translation>Mostrando os primeiros {n} exemplos.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_panel.py" line="213" />
            <source>{done} of %Ln call(s) answered · {failed} failed</source>
            <translation>
                <numerusform>{done} de %Ln chamada respondida · {failed} com falha</numerusform>
                <numerusform>{done} de %Ln chamadas respondidas · {failed} com falha</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="230" />
            <source>The connection of this model was removed. Add it again in Settings → Connections, or run other models.</source>
            <translation>A conexão deste modelo foi removida. Adicione-a de novo em Configurações → Conexões ou execute outros modelos.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_panel.py" line="284" />
            <source>The run could not go on: {e}</source>
            <translation>A execução não pôde continuar: {e}</translation>
        </message>
    </context>
    <context>
        <name>BatchSetupWidget</name>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="48" />
            <source>New run</source>
            <translation>Nova execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="59" />
            <source>Dataset</source>
            <translation>Conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="61" />
            <source>All examples</source>
            <translation>Todos os exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="62" />
            <source>Training part</source>
            <translation>Parte de treino</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="63" />
            <source>Validation part</source>
            <translation>Parte de validação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="65" />
            <source>A dataset can be split into a training part and a validation part (Datasets → Split). Run the validation part to test the models on examples they did not learn from.</source>
            <translation>Um conjunto de dados pode ser dividido em uma parte de treino e uma de validação (Conjuntos de dados → Dividir). Rode a parte de validação para testar os modelos em exemplos com que eles não aprenderam.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="68" />
            <source>Label</source>
            <translation>Rótulo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="68" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="68" />
            <source>Connection</source>
            <translation>Conexão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="69" />
            <source>Models of the run</source>
            <translation>Modelos da execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="71" />
            <source>Tick the models to run (two or more). The label names each model in the results and in the annotator's statistics; the annotator never sees the model itself.</source>
            <translation>Marque os modelos a executar (dois ou mais). O rótulo identifica cada modelo nos resultados e nas estatísticas da anotação; quem anota nunca vê o modelo em si.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="86" />
            <source>How many calls run at the same time. More is faster but may hit the provider's rate limit.</source>
            <translation>Quantas chamadas rodam ao mesmo tempo. Mais é mais rápido, mas pode esbarrar no limite de requisições do provedor.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="89" />
            <source>&amp;Start run</source>
            <translation>&amp;Iniciar execução</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="91" />
            <source>&amp;Dataset:</source>
            <translation>Conjunto de &amp;dados:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="92" />
            <source>Sp&amp;lit:</source>
            <translation>Di&amp;visão:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="93" />
            <source>&amp;Models:</source>
            <translation>&amp;Modelos:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="94" />
            <source>At the same &amp;time:</source>
            <translation>Requisições &amp;simultâneas:</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="115" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln exemplo)</numerusform>
                <numerusform>{name} (%Ln exemplos)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="197" />
            <source>About {calls} ({examples} × {models}).</source>
            <translation>Cerca de {calls} ({examples} × {models}).</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="198" />
            <source>%Ln call(s)</source>
            <translation>
                <numerusform>%Ln chamada</numerusform>
                <numerusform>%Ln chamadas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="198" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln exemplo</numerusform>
                <numerusform>%Ln exemplos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/batch_setup.py" line="199" />
            <source>%Ln model(s)</source>
            <translation>
                <numerusform>%Ln modelo</numerusform>
                <numerusform>%Ln modelos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="134" />
            <source>(removed)</source>
            <translation>(removida)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="161" />
            <source> vs </source>
            <translation> vs. </translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="162" />
            <source>{dataset} · {labels}</source>
            <translation>{dataset} · {labels}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="167" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="169" />
            <source>Choose the dataset whose examples the models should answer (import one in the Datasets view if there is none yet).</source>
            <translation>Escolha o conjunto de dados cujos exemplos os modelos devem responder (importe um na tela Conjuntos de dados se ainda não houver nenhum).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="173" />
            <source>A run compares at least two models: add them as panes in the Playground and tick two or more here.</source>
            <translation>Uma execução compara pelo menos dois modelos: adicione-os como painéis no Playground e marque dois ou mais aqui.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="177" />
            <source>Give every model a label; it names the model in the results and in the annotator's statistics.</source>
            <translation>Dê um rótulo a cada modelo; ele identifica o modelo nos resultados e nas estatísticas da anotação.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="180" />
            <source>Give every model a different label.</source>
            <translation>Dê um rótulo diferente a cada modelo.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="189" />
            <source>No datasets yet — import one in the Datasets view to run its examples through your models.</source>
            <translation>Ainda não há conjuntos de dados — importe um na tela Conjuntos de dados para rodar os exemplos dele nos seus modelos.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="195" />
            <source>This part of the dataset has no examples; choose another split.</source>
            <translation>Esta parte do conjunto de dados não tem exemplos; escolha outra divisão.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/batch_setup.py" line="203" />
            <source>About {cost} if the answers are as long as the dataset's own.</source>
            <translation>Cerca de {cost} se as respostas forem tão longas quanto as do próprio conjunto de dados.</translation>
        </message>
    </context>
    <context>
        <name>ColumnMappingWidget</name>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="131" />
            <source>The system prompt every example starts with</source>
            <translation>O prompt de sistema com que todo exemplo começa</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="132" />
            <source>Fixed system prompt</source>
            <translation>Prompt de sistema fixo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="139" />
            <source>&amp;System prompt:</source>
            <translation>Prompt de &amp;sistema:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="146" />
            <source>Fields for the grader:</source>
            <translation>Campos para o avaliador:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="147" />
            <source>Ticked columns are kept with each prompt, for example the reference answer your grader compares with.</source>
            <translation>As colunas marcadas são guardadas com cada prompt, por exemplo a resposta de referência com que o seu avaliador compara.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="157" />
            <source>What the column choice still needs</source>
            <translation>O que ainda falta na escolha das colunas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="162" />
            <source>Preview of the first rows as they will be imported:</source>
            <translation>Prévia das primeiras linhas como serão importadas:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="164" />
            <source>Preview of the imported rows</source>
            <translation>Prévia das linhas importadas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="171" />
            <source>Line in the file</source>
            <translation>Linha no arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="245" />
            <source>None</source>
            <translation>Nenhum</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="246" />
            <source>Same text for every example</source>
            <translation>O mesmo texto para todos os exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="248" />
            <source>Choose a column…</source>
            <translation>Escolha uma coluna…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="250" />
            <source>Column “{0}”</source>
            <translation>Coluna “{0}”</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="252" />
            <source>For example: {0}</source>
            <translation>Por exemplo: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="304" />
            <source>RFT data has no system role: this text is sent as a developer message.</source>
            <translation>Dados de RFT não têm o papel sistema: este texto é enviado como mensagem de desenvolvedor.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="322" />
            <source>OpenAI reserves the name “{0}”; rename the column to keep it.</source>
            <translation>A OpenAI reserva o nome “{0}”; renomeie a coluna para mantê-la.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="330" />
            <source>No other columns.</source>
            <translation>Não há outras colunas.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="350" />
            <source>The file has no header row naming its columns.</source>
            <translation>O arquivo não tem uma linha de cabeçalho com os nomes das colunas.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="354" />
            <source>Choose a column for: {0}.</source>
            <translation>Escolha uma coluna para: {0}.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="357" />
            <source>Each part needs its own column: the same column is chosen twice.</source>
            <translation>Cada parte precisa da sua própria coluna: a mesma coluna foi escolhida duas vezes.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="359" />
            <source>Type the system prompt, or choose “None”.</source>
            <translation>Digite o prompt de sistema ou escolha “Nenhum”.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="388" />
            <source>Developer</source>
            <translation>Desenvolvedor</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="388" />
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="393" />
            <source>{0} (not chosen)</source>
            <translation>{0} (sem coluna)</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCommands</name>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="48" />
            <source>OpenAI</source>
            <translation>OpenAI</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="51" />
            <source>OpenAI {n}</source>
            <translation>OpenAI {n}</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="66" />
            <source>Delete connection</source>
            <translation>Excluir conexão</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="67" />
            <source>Delete the connection “{name}” and its stored API key?</source>
            <translation>Excluir a conexão “{name}” e a chave de API guardada?</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="122" />
            <source>Saved.</source>
            <translation>Conexão salva.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connection_commands.py" line="139" />
            <source>Testing the connection…</source>
            <translation>Testando a conexão…</translation>
        </message>
    </context>
    <context>
        <name>ConnectionsDialog</name>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="48" />
            <location filename="../../ui/settings/connections_dialog.py" line="58" />
            <location filename="../../ui/settings/connections_dialog.py" line="63" />
            <source>Connections</source>
            <translation>Conexões</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="60" />
            <source>Add</source>
            <translation>Adicionar</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="61" />
            <source>Delete…</source>
            <translation>Excluir…</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="81" />
            <source>Allow an unencrypted (http://) connection to this server — only on a network you trust</source>
            <translation>Permitir uma conexão sem criptografia (http://) com este servidor — só em uma rede de confiança</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="84" />
            <source>Without encryption, the API key and your data can be read by anyone on the network between this computer and the server. Addresses on this computer (localhost) never need this.</source>
            <translation>Sem criptografia, a chave de API e os seus dados podem ser lidos por qualquer pessoa na rede entre este computador e o servidor. Endereços neste computador (localhost) nunca precisam disso.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="88" />
            <location filename="../../ui/settings/connections_dialog.py" line="90" />
            <source>optional</source>
            <translation>opcional</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="93" />
            <source>API key</source>
            <translation>Chave de API</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="99" />
            <source>&amp;Name:</source>
            <translation>&amp;Nome:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="100" />
            <source>&amp;Provider:</source>
            <translation>&amp;Provedor:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="101" />
            <source>&amp;Base URL:</source>
            <translation>URL &amp;base:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="102" />
            <source>Azure &amp;endpoint:</source>
            <translation>&amp;Endpoint do Azure:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="103" />
            <source>API &amp;version:</source>
            <translation>&amp;Versão da API:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="105" />
            <source>&amp;Organization:</source>
            <translation>&amp;Organização:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="106" />
            <source>Pro&amp;ject:</source>
            <translation>Pro&amp;jeto:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="107" />
            <source>API &amp;key:</source>
            <translation>&amp;Chave de API:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="114" />
            <source>&amp;Test connection</source>
            <translation>&amp;Testar conexão</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="115" />
            <source>&amp;Save</source>
            <translation>&amp;Salvar</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="121" />
            <source>Testing connection</source>
            <translation>Testando a conexão</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="146" />
            <source>No connections yet. Add one to train models and try them. Everything else works without.</source>
            <translation>Ainda não há conexões. Adicione uma para treinar modelos e testá-los. Todo o resto funciona sem conexão.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="174" />
            <source>OpenAI</source>
            <translation>OpenAI</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="175" />
            <source>Azure OpenAI / Microsoft Foundry</source>
            <translation>Azure OpenAI / Microsoft Foundry</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="176" />
            <source>OpenAI-compatible server (Ollama, vLLM, gateway…)</source>
            <translation>Servidor compatível com OpenAI (Ollama, vLLM, gateway…)</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="186" />
            <source>http://localhost:11434/v1</source>
            <translation>http://localhost:11434/v1</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="188" />
            <source>optional — leave empty for api.openai.com</source>
            <translation>opcional — deixe vazio para api.openai.com</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="207" />
            <source>  (default)</source>
            <translation>  (padrão)</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="247" />
            <source>Checking the keyring…</source>
            <translation>Verificando o chaveiro do sistema…</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="254" />
            <source>keyring unavailable</source>
            <translation>chaveiro do sistema indisponível</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="260" />
            <source>A key is stored in the system keyring ({masked}). Type a new one to replace it.</source>
            <translation>Há uma chave guardada no chaveiro do sistema ({masked}). Digite uma nova para substituí-la.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="262" />
            <source>stored in the keyring — type to replace</source>
            <translation>guardada no chaveiro — digite para substituir</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="264" />
            <source>No key stored. It will be kept in the system keyring, never in a file.</source>
            <translation>Nenhuma chave guardada. Ela ficará no chaveiro do sistema, nunca em um arquivo.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/connections_dialog.py" line="265" />
            <source>paste the API key</source>
            <translation>cole a chave de API</translation>
        </message>
    </context>
    <context>
        <name>ConversationView</name>
        <message>
            <location filename="../../ui/annotate/conversation_view.py" line="168" />
            <source>Conversation so far</source>
            <translation>Conversa até aqui</translation>
        </message>
    </context>
    <context>
        <name>Cost</name>
        <message>
            <location filename="../../ui/cost_text.py" line="21" />
            <source>Choose a base model to see a cost estimate.</source>
            <translation>Escolha um modelo base para ver a estimativa de custo.</translation>
        </message>
        <message>
            <location filename="../../ui/cost_text.py" line="22" />
            <source>No training price is known for {model}. Add it to the price table to see an estimate.</source>
            <translation>Não há preço de treinamento conhecido para {model}. Adicione-o à tabela de preços para ver uma estimativa.</translation>
        </message>
        <message>
            <location filename="../../ui/cost_text.py" line="25" />
            <source>Reinforcement fine-tuning of {model} is billed by training time ({price} per hour), not by tokens, so the cost is not estimated from the data.</source>
            <translation>O ajuste fino por reforço de {model} é cobrado pelo tempo de treinamento ({price} por hora), não por tokens; por isso o custo não é estimado a partir dos dados.</translation>
        </message>
        <message>
            <location filename="../../ui/cost_text.py" line="28" />
            <source>About {cost}: {tokens} training tokens at {price} per million ({model}, price of {date}). The final bill uses the tokens the job reports.</source>
            <translation>Cerca de {cost}: {tokens} tokens de treinamento a {price} por milhão ({model}, preço de {date}). A cobrança final usa os tokens informados pelo treinamento.</translation>
        </message>
        <message>
            <location filename="../../ui/cost_text.py" line="37" />
            <source>less than {amount}</source>
            <translation>menos de {amount}</translation>
        </message>
    </context>
    <context>
        <name>DatasetChooser</name>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="97" />
            <source>Dataset</source>
            <translation>Conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="99" />
            <location filename="../../ui/playground/save_example_dialog.py" line="100" />
            <source>Name of the new dataset</source>
            <translation>Nome do novo conjunto de dados</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/save_example_dialog.py" line="116" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln exemplo)</numerusform>
                <numerusform>{name} (%Ln exemplos)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="117" />
            <source>New dataset…</source>
            <translation>Novo conjunto de dados…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="127" />
            <source>Playground examples</source>
            <translation>Exemplos do Playground</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="128" />
            <source>Playground preferences</source>
            <translation>Preferências do Playground</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="155" />
            <source>Type a name for the new dataset, or pick an existing dataset from the list.</source>
            <translation>Digite um nome para o novo conjunto de dados ou escolha um conjunto de dados existente na lista.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="157" />
            <source>A dataset named “{name}” already exists. Pick it from the list or choose another name.</source>
            <translation>Já existe um conjunto de dados chamado “{name}”. Escolha-o na lista ou use outro nome.</translation>
        </message>
    </context>
    <context>
        <name>DatasetEdits</name>
        <message>
            <location filename="../../ui/datasets/commands.py" line="114" />
            <source>Edit example</source>
            <translation>edição do exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="125" />
            <source>Change tags</source>
            <translation>alteração das etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="136" />
            <source>Edit note</source>
            <translation>edição da observação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="147" />
            <source>Set split</source>
            <translation>mudança de divisão</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/commands.py" line="158" />
            <source>Delete %Ln example(s)</source>
            <translation>
                <numerusform>exclusão de %Ln exemplo</numerusform>
                <numerusform>exclusão de %Ln exemplos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="169" />
            <source>Add example</source>
            <translation>inclusão de exemplo</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/commands.py" line="181" />
            <source>Duplicate %Ln example(s)</source>
            <translation>
                <numerusform>duplicação de %Ln exemplo</numerusform>
                <numerusform>duplicação de %Ln exemplos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="200" />
            <source>Change system prompt</source>
            <translation>alteração do prompt de sistema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="211" />
            <source>Split into training and validation</source>
            <translation>divisão em treino e validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="222" />
            <source>Remove duplicates</source>
            <translation>remoção de duplicatas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/commands.py" line="233" />
            <source>Rename dataset</source>
            <translation>renomeação do conjunto de dados</translation>
        </message>
    </context>
    <context>
        <name>Datasets</name>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="30" />
            <source>OpenAI training file (*.jsonl)</source>
            <translation>Arquivo de treinamento da OpenAI (*.jsonl)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="31" />
            <source>Messages JSONL for local trainers (*.jsonl)</source>
            <translation>JSONL de mensagens para treinamento local (*.jsonl)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="32" />
            <source>Preference pairs JSONL, prompt/chosen/rejected (*.jsonl)</source>
            <translation>JSONL de pares de preferência, prompt/chosen/rejected (*.jsonl)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="56" />
            <source>Datasets</source>
            <translation>Conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="58" />
            <location filename="../../ui/datasets/toolbar.py" line="62" />
            <location filename="../../ui/datasets/toolbar.py" line="152" />
            <source>New dataset</source>
            <translation>Novo conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="66" />
            <source>&amp;Import…</source>
            <translation>&amp;Importar…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="67" />
            <source>Import a file as a new dataset</source>
            <translation>Importar um arquivo como novo conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="68" />
            <source>&amp;Export…</source>
            <translation>&amp;Exportar…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="69" />
            <source>Write the dataset to a file</source>
            <translation>Gravar o conjunto de dados em um arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="71" />
            <location filename="../../ui/datasets/toolbar.py" line="81" />
            <source>Dataset</source>
            <translation>Conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="72" />
            <source>&amp;Rename…</source>
            <translation>&amp;Renomear…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="73" />
            <source>D&amp;uplicate dataset</source>
            <translation>&amp;Duplicar conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="74" />
            <source>&amp;Delete dataset…</source>
            <translation>&amp;Excluir conjunto de dados…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="87" />
            <source>Undo</source>
            <translation>Desfazer</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="89" />
            <source>Redo</source>
            <translation>Refazer</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="96" />
            <source>New &amp;example</source>
            <translation>Novo &amp;exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="97" />
            <location filename="../../ui/datasets/toolbar.py" line="106" />
            <source>Selected examples</source>
            <translation>Exemplos selecionados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="98" />
            <source>Set &amp;system prompt…</source>
            <translation>Definir prompt de &amp;sistema…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="99" />
            <source>Add &amp;tag…</source>
            <translation>Adicionar &amp;etiqueta…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="100" />
            <source>Remove t&amp;ag…</source>
            <translation>Remover e&amp;tiqueta…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="101" />
            <source>Move to &amp;training</source>
            <translation>Mover para t&amp;reino</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="102" />
            <source>Move to &amp;validation</source>
            <translation>Mover para &amp;validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="103" />
            <source>D&amp;uplicate</source>
            <translation>&amp;Duplicar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="104" />
            <source>&amp;Delete</source>
            <translation>E&amp;xcluir</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dataset_actions.py" line="97" />
            <source>Exported %Ln example(s) to {path}</source>
            <translation>
                <numerusform>%Ln exemplo exportado para {path}</numerusform>
                <numerusform>%Ln exemplos exportados para {path}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/example_actions.py" line="57" />
            <source>Deleted %Ln example(s). Undo with Ctrl+Z.</source>
            <translation>
                <numerusform>%Ln exemplo excluído. Desfaça com Ctrl+Z.</numerusform>
                <numerusform>%Ln exemplos excluídos. Desfaça com Ctrl+Z.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="77" />
            <source>&amp;Split…</source>
            <translation>&amp;Dividir…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="78" />
            <source>Split into training and validation</source>
            <translation>Dividir em treino e validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="79" />
            <source>Find &amp;duplicates…</source>
            <translation>Encontrar d&amp;uplicatas…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="111" />
            <source>Search</source>
            <translation>Pesquisar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="113" />
            <source>Next error</source>
            <translation>Próximo erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="114" />
            <source>Next example</source>
            <translation>Próximo exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="115" />
            <source>Previous example</source>
            <translation>Exemplo anterior</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="64" />
            <source>Export dataset</source>
            <translation>Exportar conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="82" />
            <source>Exporting to {path}…</source>
            <translation>Exportando para {path}…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="89" />
            <source>Could not write {path}: {why}. The previous file, if any, is unchanged.</source>
            <translation>Não foi possível gravar {path}: {why}. O arquivo anterior, se havia um, continua como estava.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="107" />
            <source>Rename dataset</source>
            <translation>Renomear conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="107" />
            <source>&amp;Name:</source>
            <translation>&amp;Nome:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="122" />
            <source>Copying the dataset…</source>
            <translation>Copiando o conjunto de dados…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dataset_actions.py" line="137" />
            <source>Delete “{name}” and its %Ln example(s)? This cannot be undone.</source>
            <translation>
                <numerusform>Excluir “{name}” e o seu único exemplo? Isso não pode ser desfeito.</numerusform>
                <numerusform>Excluir “{name}” e os seus %Ln exemplos? Isso não pode ser desfeito.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="138" />
            <source>Delete the empty dataset “{name}”? This cannot be undone.</source>
            <translation>Excluir o conjunto de dados vazio “{name}”? Isso não pode ser desfeito.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="141" />
            <source>Delete dataset</source>
            <translation>Excluir conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dataset_actions.py" line="151" />
            <source>Deleting “{name}”…</source>
            <translation>Excluindo “{name}”…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/example_actions.py" line="73" />
            <source>Add tag</source>
            <translation>Adicionar etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/example_actions.py" line="73" />
            <source>Remove tag</source>
            <translation>Remover etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/example_actions.py" line="74" />
            <source>&amp;Tag:</source>
            <translation>&amp;Etiqueta:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/example_actions.py" line="123" />
            <source>No errors in this dataset.</source>
            <translation>Nenhum erro neste conjunto de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="20" />
            <source>Conversations</source>
            <translation>Conversas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="21" />
            <source>Preferences</source>
            <translation>Preferências</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="22" />
            <source>Graded prompts</source>
            <translation>Prompts com avaliador</translation>
        </message>
    </context>
    <context>
        <name>DatasetsShortcuts</name>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="120" />
            <source>Import a file</source>
            <translation>Importar um arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="121" />
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="122" />
            <source>Rename dataset</source>
            <translation>Renomear conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="123" />
            <source>New example</source>
            <translation>Novo exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="124" />
            <source>Duplicate example</source>
            <translation>Duplicar exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="125" />
            <source>Delete examples</source>
            <translation>Excluir exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="126" />
            <source>Undo</source>
            <translation>Desfazer</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="127" />
            <source>Redo</source>
            <translation>Refazer</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="128" />
            <source>Search</source>
            <translation>Pesquisar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="129" />
            <source>Next error</source>
            <translation>Próximo erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="130" />
            <source>Next / previous example</source>
            <translation>Exemplo seguinte / anterior</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/toolbar.py" line="131" />
            <source>J / K or ↓ / ↑</source>
            <translation>J / K ou ↓ / ↑</translation>
        </message>
    </context>
    <context>
        <name>DatasetsTableModel</name>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="35" />
            <source>Name</source>
            <translation>Nome</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="35" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="35" />
            <source>Examples</source>
            <translation>Exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="35" />
            <source>Problems</source>
            <translation>Problemas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="35" />
            <source>Tokens</source>
            <translation>Tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="36" />
            <source>Changed</source>
            <translation>Alterado em</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="75" />
            <source>none</source>
            <translation>nenhum</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/datasets_list.py" line="79" />
            <source>{errors}, {warnings}</source>
            <translation>{errors}, {warnings}</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/datasets_list.py" line="77" />
            <source>%Ln error(s)</source>
            <translation>
                <numerusform>%Ln erro</numerusform>
                <numerusform>%Ln erros</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/datasets_list.py" line="78" />
            <source>%Ln warning(s)</source>
            <translation>
                <numerusform>%Ln aviso</numerusform>
                <numerusform>%Ln avisos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DatasetsView</name>
        <message>
            <location filename="../../ui/datasets/view.py" line="64" />
            <source>Datasets</source>
            <translation>Conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="94" />
            <source>Datasets of the project</source>
            <translation>Conjuntos de dados do projeto</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="121" />
            <source>The base model you plan to train: it sets the length limit and the price.</source>
            <translation>O modelo base que você pretende treinar: ele define o limite de tamanho e o preço.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="125" />
            <source>Base &amp;model:</source>
            <translation>&amp;Modelo base:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="129" />
            <source>Example</source>
            <translation>Exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="130" />
            <source>Validation</source>
            <translation>Validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="131" />
            <source>Statistics</source>
            <translation>Estatísticas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="180" />
            <source>No datasets yet</source>
            <translation>Ainda não há conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="181" />
            <source>A dataset holds the examples the model learns from. Import a file you already have (JSONL, CSV, Alpaca, ShareGPT or preference pairs) — or drop it here — or start an empty dataset and write examples yourself.</source>
            <translation>Um conjunto de dados reúne os exemplos com que o modelo aprende. Importe um arquivo que você já tem (JSONL, CSV, Alpaca, ShareGPT ou pares de preferência) — ou arraste-o para cá — ou crie um conjunto de dados vazio e escreva os exemplos você mesmo.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="173" />
            <source>Import a file…</source>
            <translation>Importar um arquivo…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/view.py" line="177" />
            <source>Create a dataset</source>
            <translation>Criar um conjunto de dados</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="79" />
            <source>Find duplicates</source>
            <translation>Encontrar duplicatas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="80" />
            <source>&amp;Exact copies</source>
            <translation>&amp;Cópias exatas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="81" />
            <source>Copies that differ only in &amp;case or spacing</source>
            <translation>Cópias que só diferem em &amp;maiúsculas/minúsculas ou espaços</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="86" />
            <source>Looking for duplicates…</source>
            <translation>Procurando duplicatas…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="88" />
            <source>&amp;Remove duplicates</source>
            <translation>&amp;Remover duplicatas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="102" />
            <source>✔ No duplicates found.</source>
            <translation>✔ Nenhuma duplicata encontrada.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="105" />
            <source>{groups}: {removed}, keeping the first copy in each group. You can undo this.</source>
            <translation>{groups}: {removed}, mantendo a primeira cópia de cada grupo. Você pode desfazer isso.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="106" />
            <source>%Ln group(s) of duplicates</source>
            <translation>
                <numerusform>%Ln grupo de duplicatas</numerusform>
                <numerusform>%Ln grupos de duplicatas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="107" />
            <source>%Ln example(s) would be removed</source>
            <translation>
                <numerusform>%Ln exemplo seria removido</numerusform>
                <numerusform>%Ln exemplos seriam removidos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ErrorBanner</name>
        <message>
            <location filename="../../ui/widgets/error_banner.py" line="32" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/error_banner.py" line="36" />
            <location filename="../../ui/widgets/error_banner.py" line="73" />
            <source>Show details</source>
            <translation>Mostrar detalhes</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/error_banner.py" line="38" />
            <source>Copy details</source>
            <translation>Copiar detalhes</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/error_banner.py" line="39" />
            <source>Dismiss</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/error_banner.py" line="73" />
            <source>Hide details</source>
            <translation>Ocultar detalhes</translation>
        </message>
    </context>
    <context>
        <name>ExampleEditFlow</name>
        <message>
            <location filename="../../ui/datasets/edit_flow.py" line="69" />
            <source>Saving: {what}…</source>
            <translation>Salvando: {what}…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/edit_flow.py" line="76" />
            <source>The change could not be saved: {e}</source>
            <translation>Não foi possível salvar a alteração: {e}</translation>
        </message>
    </context>
    <context>
        <name>ExampleEditor</name>
        <message>
            <location filename="../../ui/datasets/editor/common.py" line="131" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/common.py" line="131" />
            <source>Warning</source>
            <translation>Aviso</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/common.py" line="242" />
            <source>Not valid JSON: {msg} (line {line}, column {col})</source>
            <translation>JSON inválido: {msg} (linha {line}, coluna {col})</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/conversation.py" line="35" />
            <source>Add message</source>
            <translation>Adicionar mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/conversation.py" line="36" />
            <source>Add a message after the last one (Ctrl+Return)</source>
            <translation>Adicionar uma mensagem depois da última (Ctrl+Return)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/conversation.py" line="38" />
            <source>The conversation is not a list of messages, so it cannot be edited here. Fix it in the source file; it is kept unchanged.</source>
            <translation>A conversa não é uma lista de mensagens, então não pode ser editada aqui. Corrija-a no arquivo de origem; ela é mantida sem alterações.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="80" />
            <source>Preferred answer</source>
            <translation>Resposta preferida</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="82" />
            <source>The better answer to the last message…</source>
            <translation>A melhor resposta à última mensagem…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="84" />
            <source>Non-preferred answer</source>
            <translation>Resposta não preferida</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="85" />
            <source>A worse answer to the same message…</source>
            <translation>Uma resposta pior à mesma mensagem…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="94" />
            <source>Answers to compare</source>
            <translation>Respostas a comparar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/dpo_editor.py" line="95" />
            <source>Two answers to the last message of the conversation above; the model learns to prefer the first.</source>
            <translation>Duas respostas à última mensagem da conversa acima; o modelo aprende a preferir a primeira.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="56" />
            <source>{n} B</source>
            <translation>{n} B</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="58" />
            <source>{n} kB</source>
            <translation>{n} kB</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="59" />
            <source>{n} MB</source>
            <translation>{n} MB</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="81" />
            <source>{name} is {size}; an image can be at most 10 MB. Choose a smaller image, or save it smaller (for example as JPEG) first.</source>
            <translation>{name} tem {size}; uma imagem pode ter no máximo 10 MB. Escolha uma imagem menor ou salve-a num tamanho menor (por exemplo, como JPEG) antes.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="83" />
            <source>a {fmt} image</source>
            <translation>uma imagem {fmt}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="83" />
            <source>not an image</source>
            <translation>um arquivo que não é imagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="84" />
            <source>{name} is {found}; training data can only contain JPEG, PNG or WEBP images. Convert it first.</source>
            <translation>{name} é {found}; os dados de treinamento só podem conter imagens JPEG, PNG ou WEBP. Converta o arquivo antes.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="161" />
            <source>How closely the model looks at the image; "low" is the cheapest</source>
            <translation>Com quanto detalhe o modelo analisa a imagem; "baixo" é o mais barato</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="162" />
            <source>Detail: default</source>
            <translation>Detalhe: padrão</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="162" />
            <source>Detail: low</source>
            <translation>Detalhe: baixo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="163" />
            <source>Detail: high</source>
            <translation>Detalhe: alto</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="163" />
            <source>Detail: auto</source>
            <translation>Detalhe: automático</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="171" />
            <source>Detail: {d} (unknown)</source>
            <translation>Detalhe: {d} (desconhecido)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="174" />
            <source>Remove this image</source>
            <translation>Remover esta imagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="192" />
            <source>Web image (the platform downloads it during training):
{url}</source>
            <translation>Imagem da web (a plataforma a baixa durante o treinamento):
{url}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="196" />
            <source>Loading the image…</source>
            <translation>Carregando a imagem…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="204" />
            <source>Not an image address: {url}</source>
            <translation>Não é um endereço de imagem: {url}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="205" />
            <source>(empty)</source>
            <translation>(vazio)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="221" />
            <source>This image cannot be shown: its data is damaged or not an image.</source>
            <translation>Esta imagem não pode ser exibida: os dados estão danificados ou não são de uma imagem.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="224" />
            <source>{fmt} image · {w}×{h} px · {size}</source>
            <translation>Imagem {fmt} · {w}×{h} px · {size}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="225" />
            <source>Unknown</source>
            <translation>de formato desconhecido</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="257" />
            <source>Text part {n}</source>
            <translation>Parte de texto {n}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/image_parts.py" line="266" />
            <source>Part {n} is of type “{t}”, which the editor cannot show; it is kept unchanged.</source>
            <translation>A parte {n} é do tipo “{t}”, que o editor não consegue exibir; ela é mantida sem alterações.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="69" />
            <source>Role of message {n}</source>
            <translation>Papel da mensagem {n}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="70" />
            <source>Who says this message</source>
            <translation>Quem diz esta mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="71" />
            <source>Message {n}</source>
            <translation>Mensagem {n}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="72" />
            <source>Move this message up (Alt+Up)</source>
            <translation>Mover esta mensagem para cima (Alt+Up)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="74" />
            <source>Move this message down (Alt+Down)</source>
            <translation>Mover esta mensagem para baixo (Alt+Down)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="75" />
            <source>Remove this message</source>
            <translation>Remover esta mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="99" />
            <source>This message is not in a form the editor can show; it is kept unchanged.</source>
            <translation>Esta mensagem não está num formato que o editor consiga exibir; ela é mantida sem alterações.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="153" />
            <source>Add image from file…</source>
            <translation>Adicionar imagem de arquivo…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="154" />
            <source>Attach a JPEG, PNG or WEBP image (at most 10 MB) to this message</source>
            <translation>Anexar a esta mensagem uma imagem JPEG, PNG ou WEBP (no máximo 10 MB)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="156" />
            <source>Add image by URL…</source>
            <translation>Adicionar imagem por URL…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="157" />
            <source>Attach an image by its web address (https://…)</source>
            <translation>Anexar uma imagem pelo endereço web (https://…)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="173" />
            <source>When off, this answer stays in the conversation as context, but the model does not learn from it (weight 0)</source>
            <translation>Quando desativado, esta resposta fica na conversa como contexto, mas o modelo não aprende com ela (peso 0)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="195" />
            <source>The supervised format does not list a developer role; training may refuse it</source>
            <translation>O formato supervisionado não prevê o papel desenvolvedor; o treinamento pode recusá-lo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="199" />
            <source>(no role)</source>
            <translation>(sem papel)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="199" />
            <source>{role} (not allowed here)</source>
            <translation>{role} (não permitido aqui)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="255" />
            <source>Content of message {n}</source>
            <translation>Conteúdo da mensagem {n}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="264" />
            <source>The content is neither text nor a list of parts; it is kept unchanged.</source>
            <translation>O conteúdo não é texto nem uma lista de partes; ele é mantido sem alterações.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="295" />
            <source>Add image from file</source>
            <translation>Adicionar imagem de arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="296" />
            <source>Images (*.png *.jpg *.jpeg *.webp);;All files (*)</source>
            <translation>Imagens (*.png *.jpg *.jpeg *.webp);;Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="319" />
            <source>{name} could not be read ({why}). Check that the file still exists.</source>
            <translation>Não foi possível ler {name} ({why}). Verifique se o arquivo ainda existe.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="327" />
            <source>Add image by URL</source>
            <translation>Adicionar imagem por URL</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="328" />
            <source>Web address of the image (https://…):</source>
            <translation>Endereço web da imagem (https://…):</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="338" />
            <source>“{url}” is not a web address. Give the image's address starting with https://.</source>
            <translation>“{url}” não é um endereço web. Informe o endereço da imagem começando com https://.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="372" />
            <source>Learn from this answer: on</source>
            <translation>Aprender com esta resposta: ativado</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/message_card.py" line="373" />
            <source>Learn from this answer: off</source>
            <translation>Aprender com esta resposta: desativado</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="76" />
            <source>Field (item.…)</source>
            <translation>Campo (item.…)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="76" />
            <source>Value</source>
            <translation>Valor</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="77" />
            <location filename="../../ui/datasets/editor/rft_fields.py" line="105" />
            <source>Fields for the graders</source>
            <translation>Campos para os avaliadores</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="90" />
            <source>Add field</source>
            <translation>Adicionar campo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="91" />
            <source>Add a field the graders can read as item.&lt;name&gt;</source>
            <translation>Adicionar um campo que os avaliadores podem ler como item.&lt;name&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="93" />
            <source>Remove field</source>
            <translation>Remover campo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="94" />
            <source>Remove the selected field</source>
            <translation>Remover o campo selecionado</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="106" />
            <source>Graders read these as item.&lt;field&gt;, e.g. a reference answer. Values are saved as text; write lists and objects as JSON ({…} or […]).</source>
            <translation>Os avaliadores leem estes campos como item.&lt;field&gt;, por exemplo uma resposta de referência. Os valores são salvos como texto; escreva listas e objetos como JSON ({…} ou […]).</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="124" />
            <source>Text</source>
            <translation>Texto</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="124" />
            <source>JSON value</source>
            <translation>Valor JSON</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="159" />
            <source>A field needs a name.</source>
            <translation>Um campo precisa de um nome.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="161" />
            <source>“{name}” is reserved for the conversation; choose another name.</source>
            <translation>“{name}” é reservado para a conversa; escolha outro nome.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="164" />
            <source>There is already a field “{name}”; choose another name.</source>
            <translation>Já existe um campo “{name}”; escolha outro nome.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/rft_fields.py" line="197" />
            <source>Select the field to remove first.</source>
            <translation>Selecione primeiro o campo a remover.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="21" />
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="22" />
            <source>Developer</source>
            <translation>Desenvolvedor</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="23" />
            <source>User</source>
            <translation>Usuário</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="24" />
            <source>Assistant</source>
            <translation>Assistente</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="25" />
            <source>Tool</source>
            <translation>Ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="33" />
            <source>Text shown with the tool call (optional)…</source>
            <translation>Texto exibido com a chamada de ferramenta (opcional)…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="35" />
            <location filename="../../ui/datasets/editor/roles.py" line="36" />
            <source>Instructions for the model, e.g. its tone and rules…</source>
            <translation>Instruções para o modelo, por exemplo o tom e as regras…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="37" />
            <source>What the user writes…</source>
            <translation>O que o usuário escreve…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="38" />
            <source>The answer you want the model to give…</source>
            <translation>A resposta que você quer que o modelo dê…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="39" />
            <source>What the tool returned…</source>
            <translation>O que a ferramenta retornou…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/roles.py" line="41" />
            <source>Message text…</source>
            <translation>Texto da mensagem…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="31" />
            <source>Remove this tool</source>
            <translation>Remover esta ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="37" />
            <source> — the last valid version is kept until this is fixed.</source>
            <translation> — a última versão válida é mantida até que isto seja corrigido.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="38" />
            <source>Tool definition (JSON)</source>
            <translation>Definição da ferramenta (JSON)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="53" />
            <source>Tool {n}: {name}</source>
            <translation>Ferramenta {n}: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="54" />
            <source>(no name)</source>
            <translation>(sem nome)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="61" />
            <source>A tool must be a JSON object: {"name": …, "description": …, "parameters": {…}}.</source>
            <translation>Uma ferramenta deve ser um objeto JSON: {"name": …, "description": …, "parameters": {…}}.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="83" />
            <source>Show or hide the tools the model may call</source>
            <translation>Mostrar ou ocultar as ferramentas que o modelo pode chamar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="91" />
            <source>Add tool</source>
            <translation>Adicionar ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="92" />
            <source>Describe a function the model may call</source>
            <translation>Descrever uma função que o modelo pode chamar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="96" />
            <source>The functions the model may call in this example, each as JSON: its name, a description and its parameters (a JSON Schema).</source>
            <translation>As funções que o modelo pode chamar neste exemplo, cada uma em JSON: o nome, uma descrição e os parâmetros (um JSON Schema).</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="148" />
            <source>Tools the model can call ({n})</source>
            <translation>Ferramentas que o modelo pode chamar ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="149" />
            <source>Tools the model can call (none)</source>
            <translation>Ferramentas que o modelo pode chamar (nenhuma)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="156" />
            <source>expanded</source>
            <translation>expandido</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_definitions.py" line="156" />
            <source>collapsed</source>
            <translation>recolhido</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="66" />
            <source>Tool call</source>
            <translation>Chamada de ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="67" />
            <source>id: {id}</source>
            <translation>id: {id}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="68" />
            <source>(none)</source>
            <translation>(nenhum)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="69" />
            <source>The id the tool's answer refers to</source>
            <translation>O id a que a resposta da ferramenta se refere</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="71" />
            <source>Remove this tool call</source>
            <translation>Remover esta chamada de ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="80" />
            <source>Function name, e.g. get_weather</source>
            <translation>Nome da função, por exemplo get_weather</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="86" />
            <source>Arguments (JSON)</source>
            <translation>Argumentos (JSON)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="93" />
            <source>Function:</source>
            <translation>Função:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="94" />
            <source>Arguments:</source>
            <translation>Argumentos:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="131" />
            <source>Add tool call</source>
            <translation>Adicionar chamada de ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="132" />
            <source>Let this answer call a tool: a function name and its arguments as JSON</source>
            <translation>Fazer esta resposta chamar uma ferramenta: o nome de uma função e os argumentos em JSON</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="158" />
            <source>Tool call {n} is not in a form the editor can show; it is kept unchanged.</source>
            <translation>A chamada de ferramenta {n} não está num formato que o editor consiga exibir; ela é mantida sem alterações.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="210" />
            <source>Answers call:</source>
            <translation>Responde à chamada:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="217" />
            <source>Go to call</source>
            <translation>Ir para a chamada</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="218" />
            <source>Show the tool call this message answers</source>
            <translation>Mostrar a chamada de ferramenta que esta mensagem responde</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="235" />
            <source>Choose the call this answers…</source>
            <translation>Escolha a chamada que esta mensagem responde…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/tool_widgets.py" line="241" />
            <source>{id} (no earlier call has this id)</source>
            <translation>{id} (nenhuma chamada anterior tem este id)</translation>
        </message>
    </context>
    <context>
        <name>ExampleEditorWidget</name>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="112" />
            <source>Select an example to edit it</source>
            <translation>Selecione um exemplo para editá-lo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="117" />
            <source>Pick a row in the examples table. Your changes are saved as you type.</source>
            <translation>Escolha uma linha na tabela de exemplos. Suas alterações são salvas enquanto você digita.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="131" />
            <source>Comma-separated, e.g. billing, hard case</source>
            <translation>Separadas por vírgula, p. ex. cobrança, caso difícil</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="132" />
            <source>Tags help you find and filter examples; they are not training data</source>
            <translation>Etiquetas ajudam a encontrar e filtrar exemplos; não são dados de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="135" />
            <source>A note for you or your team (not training data)</source>
            <translation>Uma observação para você ou sua equipe (não é dado de treinamento)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="136" />
            <source>Note</source>
            <translation>Observação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="141" />
            <source>Tags:</source>
            <translation>Etiquetas:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="142" />
            <source>Note:</source>
            <translation>Observação:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="260" />
            <source>Input conversation</source>
            <translation>Conversa de entrada</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="265" />
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/editor/example_editor.py" line="265" />
            <source>Conversation</source>
            <translation>Conversa</translation>
        </message>
    </context>
    <context>
        <name>ExamplesPane</name>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="33" />
            <source>Search the examples (Ctrl+F)</source>
            <translation>Pesquisar nos exemplos (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="35" />
            <source>Search</source>
            <translation>Pesquisar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="37" />
            <source>Status filter</source>
            <translation>Filtro de status</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="39" />
            <source>Any status</source>
            <translation>Qualquer status</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="40" />
            <source>Errors</source>
            <translation>Erros</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="41" />
            <source>Warnings</source>
            <translation>Avisos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="42" />
            <source>Errors or warnings</source>
            <translation>Erros ou avisos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="43" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="47" />
            <source>Role filter</source>
            <translation>Filtro de papel</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="49" />
            <source>Any message</source>
            <translation>Qualquer mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="50" />
            <source>Has a system message</source>
            <translation>Tem mensagem de sistema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="51" />
            <source>Has a tool answer</source>
            <translation>Tem resposta de ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="52" />
            <source>Has a developer message</source>
            <translation>Tem mensagem de desenvolvedor</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="56" />
            <source>Split filter</source>
            <translation>Filtro de divisão</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="57" />
            <source>Training and validation</source>
            <translation>Treino e validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="57" />
            <source>Training</source>
            <translation>Treino</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="58" />
            <source>Validation</source>
            <translation>Validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="61" />
            <source>Tag</source>
            <translation>Etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="64" />
            <source>Tag filter</source>
            <translation>Filtro de etiqueta</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="67" />
            <source>min tokens</source>
            <translation>mín. de tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="67" />
            <source>max tokens</source>
            <translation>máx. de tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_pane.py" line="88" />
            <source>Examples</source>
            <translation>Exemplos</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/examples_pane.py" line="149" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln exemplo</numerusform>
                <numerusform>%Ln exemplos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/examples_pane.py" line="152" />
            <source>Matching the filters: {n} of %Ln example(s)</source>
            <translation>
                <numerusform>Com os filtros: {n} de %Ln exemplo</numerusform>
                <numerusform>Com os filtros: {n} de %Ln exemplos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExamplesTableModel</name>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="307" />
            <location filename="../../ui/datasets/examples_model.py" line="311" />
            <source>The examples could not be read: {error}</source>
            <translation>Não foi possível ler os exemplos: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="328" />
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="329" />
            <source>Preview</source>
            <translation>Prévia</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="330" />
            <source>Turns</source>
            <translation>Mensagens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="331" />
            <source>Tokens</source>
            <translation>Tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="332" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="333" />
            <source>Tags</source>
            <translation>Etiquetas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="337" />
            <source>Position in the dataset (click to sort)</source>
            <translation>Posição no conjunto de dados (clique para ordenar)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="338" />
            <source>The first question of the example</source>
            <translation>A primeira pergunta do exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="339" />
            <source>Messages in the example (click to sort)</source>
            <translation>Mensagens no exemplo (clique para ordenar)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="340" />
            <source>Tokens of the example (click to sort)</source>
            <translation>Tokens do exemplo (clique para ordenar)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="341" />
            <source>Errors first or last (click to sort)</source>
            <translation>Erros primeiro ou por último (clique para ordenar)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="342" />
            <source>Tags of the example</source>
            <translation>Etiquetas do exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="385" />
            <source>About {n} tokens: estimated, the model's own count is not known</source>
            <translation>Cerca de {n} tokens: estimativa, a contagem do próprio modelo não é conhecida</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="396" />
            <source>error</source>
            <translation>erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="398" />
            <source>warning</source>
            <translation>aviso</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/examples_model.py" line="399" />
            <source>ok</source>
            <translation>ok</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="121" />
            <source>Export to a DPO dataset</source>
            <translation>Exportar para um conjunto de dados DPO</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="126" />
            <location filename="../../ui/annotate/export_dialog.py" line="221" />
            <source>Counting the judgements…</source>
            <translation>Contando os julgamentos…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="127" />
            <source>What the export gives</source>
            <translation>O que a exportação vai gerar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="133" />
            <source>Each pair holds the conversation, the better answer (or your rewrite of it) as the preferred one, and the other as the non-preferred one. The new examples are checked like imported ones.</source>
            <translation>Cada par traz a conversa, a melhor resposta (ou a sua reescrita dela) como a preferida e a outra como a não preferida. Os novos exemplos são verificados como os importados.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="136" />
            <source>Everyone</source>
            <translation>Todos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="137" />
            <source>Whose judgements</source>
            <translation>Julgamentos de quem</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="140" />
            <source>Name of the new dataset</source>
            <translation>Nome do novo conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="143" />
            <source>&amp;Whose judgements:</source>
            <translation>&amp;Julgamentos de:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="144" />
            <source>&amp;New dataset:</source>
            <translation>&amp;Novo conjunto de dados:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="145" />
            <source>Exporting…</source>
            <translation>Exportando…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="149" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="150" />
            <source>&amp;Export</source>
            <translation>&amp;Exportar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="198" />
            <source>Only {0}</source>
            <translation>Só {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="201" />
            <source>{0} preferences</source>
            <translation>Preferências de {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="219" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="223" />
            <source>No judged item has a better answer yet: judge some items (or rewrite the both-bad ones) first.</source>
            <translation>Nenhum item julgado tem uma resposta melhor ainda: julgue alguns itens (ou reescreva os marcados como ambas ruins) primeiro.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="226" />
            <source>Give the new dataset a name.</source>
            <translation>Dê um nome ao novo conjunto de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="232" />
            <source>Make the new DPO dataset (Enter)</source>
            <translation>Criar o novo conjunto de dados DPO (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/export_dialog.py" line="255" />
            <source>This queue no longer exists, so there is nothing to export.</source>
            <translation>Esta fila não existe mais, então não há nada para exportar.</translation>
        </message>
    </context>
    <context>
        <name>FileRow</name>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="80" />
            <source>C&amp;hoose…</source>
            <translation>&amp;Escolher…</translation>
        </message>
    </context>
    <context>
        <name>GenerateDialog</name>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="76" />
            <source>Generate answers to compare</source>
            <translation>Gerar respostas para comparar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="87" />
            <source>Dataset</source>
            <translation>Conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="88" />
            <source>Use a &amp;prompt list…</source>
            <translation>Usar uma &amp;lista de prompts…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="90" />
            <source>A text file with one prompt per line (or blocks separated by blank lines); it becomes a dataset of prompts</source>
            <translation>Um arquivo de texto com um prompt por linha (ou blocos separados por linhas em branco); ele vira um conjunto de dados de prompts</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="97" />
            <source>All examples</source>
            <translation>Todos os exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="97" />
            <source>Training part</source>
            <translation>Parte de treino</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="98" />
            <source>Validation part</source>
            <translation>Parte de validação</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="106" />
            <source>How many answers each setting gives per prompt. With one setting, at least two: the annotator compares two answers.</source>
            <translation>Quantas respostas cada configuração dá por prompt. Com uma só configuração, pelo menos duas: o anotador compara duas respostas.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="111" />
            <source>How many calls run at the same time. More is faster but may hit the provider's rate limit.</source>
            <translation>Quantas chamadas rodam ao mesmo tempo. Mais é mais rápido, mas pode esbarrar no limite de requisições do provedor.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="119" />
            <source>&amp;Dataset:</source>
            <translation>Conjunto de &amp;dados:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="123" />
            <source>Pa&amp;rt:</source>
            <translation>&amp;Parte:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="124" />
            <source>Model settings:</source>
            <translation>Configurações de modelo:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="125" />
            <source>Answers per setti&amp;ng:</source>
            <translation>Respostas por &amp;configuração:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="126" />
            <source>At the same ti&amp;me:</source>
            <translation>Requisições &amp;simultâneas:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="127" />
            <source>&amp;Queue:</source>
            <translation>&amp;Fila:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="132" />
            <source>Expected calls and cost</source>
            <translation>Chamadas e custo previstos</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="137" />
            <source>Generation progress</source>
            <translation>Progresso da geração</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="139" />
            <source>St&amp;op</source>
            <translation>Pa&amp;rar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="140" />
            <source>Stop; the answers so far are kept and Resume goes on later (Esc)</source>
            <translation>Parar; as respostas obtidas até aqui são mantidas, e Retomar continua depois (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="142" />
            <source>Res&amp;ume</source>
            <translation>R&amp;etomar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="143" />
            <source>Go on with the calls not answered yet (failed ones are tried again)</source>
            <translation>Continuar com as chamadas ainda sem resposta (as que falharam são tentadas de novo)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="156" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="157" />
            <source>&amp;Start</source>
            <translation>&amp;Iniciar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="195" />
            <source>{1} ({0} example)</source>
            <translation>{1} ({0} exemplo)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="195" />
            <source>{1} ({0} examples)</source>
            <translation>{1} ({0} exemplos)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="224" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="226" />
            <source>Choose the dataset whose prompts the models should answer, or use a prompt list.</source>
            <translation>Escolha o conjunto de dados cujos prompts os modelos devem responder ou use uma lista de prompts.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="228" />
            <source>There is no connection yet. Add one in Settings → Connections.</source>
            <translation>Ainda não há conexão. Adicione uma em Configurações → Conexões.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="231" />
            <source>Choose the model of setting {0}.</source>
            <translation>Escolha o modelo da configuração {0}.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="237" />
            <source>Give the queue a name.</source>
            <translation>Dê um nome à fila.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="246" />
            <source>{0} answers</source>
            <translation>Respostas de {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="268" />
            <source>This part of the dataset has no prompt to answer; choose another dataset or part.</source>
            <translation>Esta parte do conjunto de dados não tem prompts para responder; escolha outro conjunto de dados ou outra parte.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="299" />
            <source>Choose a prompt list</source>
            <translation>Escolha uma lista de prompts</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="301" />
            <source>Text files (*.txt *.md)</source>
            <translation>Arquivos de texto (*.txt *.md)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="301" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="325" />
            <source>The prompts of “{0}” are now the dataset “{1}”.</source>
            <translation>Os prompts de “{0}” agora formam o conjunto de dados “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="333" />
            <source>The connection of this setting was removed. Add it again in Settings → Connections.</source>
            <translation>A conexão desta configuração foi removida. Adicione-a de novo em Configurações → Conexões.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="354" />
            <source>Stopping…</source>
            <translation>Parando…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="364" />
            <source>{0} of {1} calls answered · {2} failed</source>
            <translation>{0} de {1} chamadas respondidas · {2} com falha</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="375" />
            <source>Starting…</source>
            <translation>Iniciando…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="388" />
            <source>The generation could not go on: {0}</source>
            <translation>A geração não pôde continuar: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_dialog.py" line="391" />
            <source>Stopped before any call was made.</source>
            <translation>Interrompida antes de qualquer chamada.</translation>
        </message>
    </context>
    <context>
        <name>GraderChoiceWidget</name>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="31" />
            <source>Grader</source>
            <translation>Avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="32" />
            <source>The grader scores each answer the model tries during training</source>
            <translation>O avaliador dá uma nota a cada resposta que o modelo tenta durante o treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="34" />
            <source>New grader…</source>
            <translation>Novo avaliador…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="36" />
            <source>Edit…</source>
            <translation>Editar…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="62" />
            <source>Choose a grader…</source>
            <translation>Escolha um avaliador…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="62" />
            <source>No grader yet: make one</source>
            <translation>Nenhum avaliador ainda: crie um</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="78" />
            <source>Reinforcement training needs a grader: choose one or make a new one.</source>
            <translation>O treinamento por reforço precisa de um avaliador: escolha um ou crie um novo.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/grader_choice.py" line="82" />
            <source>The grader “%1” has a problem: %2</source>
            <translation>O avaliador “%1” tem um problema: %2</translation>
        </message>
    </context>
    <context>
        <name>Graders</name>
        <message>
            <location filename="../../ui/graders/chooser.py" line="53" />
            <source>Grader type</source>
            <translation>Tipo de avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/chooser.py" line="65" />
            <source>T&amp;ype:</source>
            <translation>Tip&amp;o:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="40" />
            <source>Grader files (*.json)</source>
            <translation>Arquivos de avaliador (*.json)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="40" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="57" />
            <source>“{name}” could not be read: {why}</source>
            <translation>Não foi possível ler “{name}”: {why}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="64" />
            <source>“{name}” is larger than {mb} MB, far more than a grader takes: it is probably not a grader file.</source>
            <translation>“{name}” tem mais de {mb} MB, muito mais do que um avaliador ocupa: provavelmente não é um arquivo de avaliador.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="72" />
            <source>“{name}” is empty: it holds no grader.</source>
            <translation>“{name}” está vazio: não contém nenhum avaliador.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="76" />
            <source>“{name}” is not valid JSON (line {line}, column {col}): {what}</source>
            <translation>“{name}” não é um JSON válido (linha {line}, coluna {col}): {what}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="83" />
            <source>“{name}” holds no grader: a grader is a JSON object with a “type”, such as string_check.</source>
            <translation>“{name}” não contém um avaliador: um avaliador é um objeto JSON com um “type”, como string_check.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="109" />
            <source>Grader</source>
            <translation>Avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="113" />
            <source>for example: Exact diagnosis code</source>
            <translation>por exemplo: Código de diagnóstico exato</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="114" />
            <source>The name the launch wizard lists this grader under; training results show it too</source>
            <translation>O nome com que o assistente de novo treinamento lista este avaliador; também aparece nos resultados do treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="117" />
            <source>Dataset to check against</source>
            <translation>Conjunto de dados para a verificação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="118" />
            <source>A reinforcement (RFT) dataset: the grader is checked against its examples and tried on them</source>
            <translation>Um conjunto de dados de reforço (RFT): o avaliador é conferido e testado com os exemplos dele</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="120" />
            <source>No dataset</source>
            <translation>Nenhum conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="137" />
            <source>&amp;Import…</source>
            <translation>&amp;Importar…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="138" />
            <source>Read a grader from a JSON file</source>
            <translation>Ler um avaliador de um arquivo JSON</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="139" />
            <source>E&amp;xport…</source>
            <translation>E&amp;xportar…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="140" />
            <source>Write this grader to a JSON file, for a colleague or another project</source>
            <translation>Gravar este avaliador em um arquivo JSON, para um colega ou outro projeto</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="146" />
            <source>Keep the grader in this project (Ctrl+S)</source>
            <translation>Guardar o avaliador neste projeto (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="153" />
            <location filename="../../ui/graders/forms.py" line="46" />
            <source>&amp;Name:</source>
            <translation>&amp;Nome:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="155" />
            <source>Chec&amp;k against:</source>
            <translation>Verificar &amp;com:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="193" />
            <source>Grader “{name}”</source>
            <translation>Avaliador “{name}”</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/dialog.py" line="197" />
            <source>{name} (%Ln example(s))</source>
            <translation>
                <numerusform>{name} (%Ln exemplo)</numerusform>
                <numerusform>{name} (%Ln exemplos)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/dialog.py" line="299" />
            <source>It still has %Ln error(s): fix them before training.</source>
            <translation>
                <numerusform>Ele ainda tem %Ln erro: corrija-o antes de treinar.</numerusform>
                <numerusform>Ele ainda tem %Ln erros: corrija-os antes de treinar.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="203" />
            <source>ℹ This project has no reinforcement (RFT) dataset yet, so the grader cannot be checked against data. Import one in the Datasets view.</source>
            <translation>ℹ Este projeto ainda não tem um conjunto de dados de reforço (RFT), então o avaliador não pode ser conferido com dados. Importe um na tela Conjuntos de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="227" />
            <source>Export the grader</source>
            <translation>Exportar o avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="227" />
            <source>Import a grader</source>
            <translation>Importar um avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="248" />
            <source>✖ {why}</source>
            <translation>✖ {why}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="257" />
            <source>✔ Imported the grader from “{name}”. Save it to keep it in the project.</source>
            <translation>✔ Avaliador importado de “{name}”. Salve-o para mantê-lo no projeto.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="267" />
            <source>✖ The grader could not be written to “{name}”: {why}</source>
            <translation>✖ Não foi possível gravar o avaliador em “{name}”: {why}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="272" />
            <source>✔ Wrote the grader to “{path}”.</source>
            <translation>✔ Avaliador gravado em “{path}”.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="284" />
            <source>✖ Give the grader a name first: the launch wizard lists graders by name.</source>
            <translation>✖ Dê um nome ao avaliador primeiro: o assistente de novo treinamento lista os avaliadores pelo nome.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="292" />
            <source>✖ The grader was not saved: {why}</source>
            <translation>✖ O avaliador não foi salvo: {why}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="298" />
            <source>✔ Saved “{name}”.</source>
            <translation>✔ “{name}” salvo.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="309" />
            <source>Discard the changes?</source>
            <translation>Descartar as alterações?</translation>
        </message>
        <message>
            <location filename="../../ui/graders/dialog.py" line="310" />
            <source>The grader has changes that are not saved. Discard them?</source>
            <translation>O avaliador tem alterações não salvas. Descartá-las?</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="102" />
            <source>&amp;Form</source>
            <translation>&amp;Formulário</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="103" />
            <source>&amp;JSON</source>
            <translation>&amp;JSON</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="105" />
            <source>The grader exactly as the provider takes it; edits here show in the form</source>
            <translation>O avaliador exatamente como o provedor o recebe; o que você editar aqui aparece no formulário</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="106" />
            <source>Checks</source>
            <translation>Verificações</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="111" />
            <source>Checks of the grader</source>
            <translation>Verificações do avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="185" />
            <source>The JSON tab holds text that is not valid JSON; the last valid grader is used.</source>
            <translation>A aba JSON tem um texto que não é JSON válido; vale o último avaliador válido.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="192" />
            <source>(Press Enter here to go to the line.)</source>
            <translation>(Pressione Enter aqui para ir até a linha.)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="201" />
            <source>✔ No problems found in the grader itself.</source>
            <translation>✔ Nenhum problema encontrado no próprio avaliador.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="216" />
            <source>ℹ Choose a dataset to check that every field the grader reads is in its examples.</source>
            <translation>ℹ Escolha um conjunto de dados para conferir se cada campo que o avaliador lê está nos exemplos dele.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="218" />
            <source>… Checking the grader against the dataset's examples…</source>
            <translation>… Conferindo o avaliador com os exemplos do conjunto de dados…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="220" />
            <source>✖ The dataset could not be read for the check.</source>
            <translation>✖ Não foi possível ler o conjunto de dados para a verificação.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/editor.py" line="222" />
            <source>Checked against “{name}” (%Ln example(s)): see the lines above.</source>
            <translation>
                <numerusform>Conferido com “{name}” (%Ln exemplo): veja as linhas acima.</numerusform>
                <numerusform>Conferido com “{name}” (%Ln exemplos): veja as linhas acima.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="225" />
            <source>ℹ “{name}” has no examples yet: nothing to check the grader against.</source>
            <translation>ℹ “{name}” ainda não tem exemplos: não há com o que conferir o avaliador.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/editor.py" line="227" />
            <source>✔ Every field the grader reads is in all %Ln examples of “{name}”.</source>
            <translation>
                <numerusform>✔ Todos os campos que o avaliador lê estão no único exemplo de “{name}”.</numerusform>
                <numerusform>✔ Todos os campos que o avaliador lê estão nos %Ln exemplos de “{name}”.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/editor.py" line="278" />
            <source>The dataset could not be read to check the grader.</source>
            <translation>Não foi possível ler o conjunto de dados para conferir o avaliador.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="51" />
            <source>Insert the model's answer or a field of the training example</source>
            <translation>Inserir a resposta do modelo ou um campo do exemplo de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="52" />
            <source>Insert a placeholder</source>
            <translation>Inserir um marcador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="60" />
            <source>The model's answer</source>
            <translation>A resposta do modelo</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="61" />
            <source>The model's answer read as JSON</source>
            <translation>A resposta do modelo lida como JSON</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="64" />
            <source>Fields of the training examples</source>
            <translation>Campos dos exemplos de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="68" />
            <source>(choose a dataset to list its fields)</source>
            <translation>(escolha um conjunto de dados para listar os campos)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="122" />
            <source>system/developer: instructions to the grading model; user: what it is asked; assistant: an example reply</source>
            <translation>system/developer: instruções para o modelo avaliador; user: o que se pergunta a ele; assistant: um exemplo de resposta</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="124" />
            <source>Role</source>
            <translation>Papel</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="128" />
            <source>Message text</source>
            <translation>Texto da mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="133" />
            <location filename="../../ui/graders/fields.py" line="134" />
            <source>Remove this message</source>
            <translation>Remover esta mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="159" />
            <source>(text, images or other parts: edit in the JSON tab)</source>
            <translation>(texto, imagens ou outras partes: edite na aba JSON)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="182" />
            <source>Add a message</source>
            <translation>Adicionar uma mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="247" />
            <source>for example: correct, partly correct, wrong</source>
            <translation>por exemplo: correta, parcialmente correta, errada</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="248" />
            <source>The labels the grading model chooses from, separated by commas</source>
            <translation>Os rótulos entre os quais o modelo avaliador escolhe, separados por vírgula</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="249" />
            <source>Labels</source>
            <translation>Rótulos</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="251" />
            <source>Passing labels</source>
            <translation>Rótulos de aprovação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="252" />
            <source>Tick the labels that count as a pass</source>
            <translation>Marque os rótulos que contam como aprovação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/fields.py" line="254" />
            <source>Tick the labels that count as a pass:</source>
            <translation>Marque os rótulos que contam como aprovação:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="44" />
            <source>A short name for this grader; it appears in the results of a training job</source>
            <translation>Um nome curto para este avaliador; ele aparece nos resultados do treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="114" />
            <location filename="../../ui/graders/forms.py" line="136" />
            <source>&amp;Text to check:</source>
            <translation>Texto &amp;a verificar:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="115" />
            <location filename="../../ui/graders/forms.py" line="137" />
            <source>&amp;Reference:</source>
            <translation>&amp;Referência:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="116" />
            <source>&amp;Passes when it:</source>
            <translation>&amp;Passa quando:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="118" />
            <source>How the text is compared with the reference; the score is 1 or 0</source>
            <translation>Como o texto é comparado com a referência; a nota é 1 ou 0</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="139" />
            <source>&amp;Measure:</source>
            <translation>&amp;Medida:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="140" />
            <source>How closeness is measured; every measure gives a score from 0 to 1</source>
            <translation>Como a semelhança é medida; toda medida dá uma nota de 0 a 1</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="180" />
            <source>Python source</source>
            <translation>Código-fonte Python</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="181" />
            <source>Must define grade(sample, item) returning a number from 0 to 1. Tab indents; Ctrl+Tab moves to the next field.</source>
            <translation>Precisa definir grade(sample, item), que retorna um número de 0 a 1. Tab indenta; Ctrl+Tab vai para o próximo campo.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="184" />
            <source>&amp;Source:</source>
            <translation>Códi&amp;go-fonte:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="186" />
            <source>optional, for example 2025-05-08</source>
            <translation>opcional, por exemplo 2025-05-08</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="187" />
            <source>Which set of Python packages the code runs with; empty means the default</source>
            <translation>Com qual conjunto de pacotes Python o código roda; vazio significa o padrão</translation>
        </message>
        <message>
            <location filename="../../ui/graders/forms.py" line="190" />
            <source>&amp;Packages version:</source>
            <translation>Versão dos &amp;pacotes:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/json_view.py" line="32" />
            <source>✖ Not valid JSON at line {line}, column {col}: {what}. The form keeps the last valid grader until this is fixed.</source>
            <translation>✖ JSON inválido na linha {line}, coluna {col}: {what}. O formulário mantém o último avaliador válido até que isso seja corrigido.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/json_view.py" line="35" />
            <source>✖ A grader is a JSON object, written between { and }. The form keeps the last valid grader until this is fixed.</source>
            <translation>✖ Um avaliador é um objeto JSON, escrito entre { e }. O formulário mantém o último avaliador válido até que isso seja corrigido.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/json_view.py" line="52" />
            <source>Grader as JSON</source>
            <translation>Avaliador em JSON</translation>
        </message>
        <message>
            <location filename="../../ui/graders/json_view.py" line="53" />
            <source>The grader exactly as it is sent to the provider; the form follows your edits</source>
            <translation>O avaliador exatamente como é enviado ao provedor; o formulário acompanha suas edições</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="22" />
            <location filename="../../ui/graders/model_forms.py" line="87" />
            <location filename="../../ui/graders/model_forms.py" line="90" />
            <source>default</source>
            <translation>padrão</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="36" />
            <source>The model that does the grading; only the listed models are allowed for grading</source>
            <translation>O modelo que faz a avaliação; só os modelos da lista podem avaliar</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="39" />
            <source>&amp;Grading model:</source>
            <translation>&amp;Modelo avaliador:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="42" />
            <source>What the grading model is told; use placeholders for the answer and the example's fields</source>
            <translation>O que é dito ao modelo avaliador; use marcadores para a resposta e para os campos do exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="44" />
            <source>Messages:</source>
            <translation>Mensagens:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="62" />
            <source>Lowest score</source>
            <translation>Nota mínima</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="62" />
            <source>Highest score</source>
            <translation>Nota máxima</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="70" />
            <source>to</source>
            <translation>a</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="76" />
            <source>The scores the model may give; anything outside is clipped to this range</source>
            <translation>As notas que o modelo pode dar; o que ficar fora é ajustado a esta faixa</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="77" />
            <source>Score &amp;range:</source>
            <translation>Faix&amp;a de notas:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="78" />
            <source>Higher is more varied; o-series models take none</source>
            <translation>Quanto maior, mais variado; modelos da série o não aceitam</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="79" />
            <source>Another way to limit variety; usually left at default</source>
            <translation>Outra forma de limitar a variedade; em geral fica no padrão</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="82" />
            <source>random</source>
            <translation>aleatória</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="84" />
            <source>The same seed usually repeats the same grading</source>
            <translation>A mesma semente costuma repetir a mesma avaliação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="88" />
            <source>The longest reply the grading model may write, in tokens</source>
            <translation>A resposta mais longa que o modelo avaliador pode escrever, em tokens</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="92" />
            <source>How long an o-series model thinks before grading; other models take none</source>
            <translation>Quanto tempo um modelo da série o pensa antes de avaliar; outros modelos não aceitam</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="93" />
            <source>&amp;Temperature:</source>
            <translation>Tempe&amp;ratura:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="93" />
            <source>To&amp;p P:</source>
            <translation>To&amp;p P:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="94" />
            <source>Seed:</source>
            <translation>Semente:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="94" />
            <source>&amp;Longest reply:</source>
            <translation>Resposta mais lon&amp;ga:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="95" />
            <source>Reasoning &amp;effort:</source>
            <translation>&amp;Esforço de raciocínio:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/model_forms.py" line="160" />
            <source>&amp;Labels:</source>
            <translation>&amp;Rótulos:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="46" />
            <source>Graders in this combination</source>
            <translation>Avaliadores desta combinação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="49" />
            <source>&amp;Add</source>
            <translation>&amp;Adicionar</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="51" />
            <source>Add a grader to the combination</source>
            <translation>Adicionar um avaliador à combinação</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="58" />
            <source>Remo&amp;ve</source>
            <translation>Remo&amp;ver</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="60" />
            <source>Remove the chosen grader from the combination</source>
            <translation>Remover da combinação o avaliador escolhido</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="66" />
            <source>Graders:</source>
            <translation>Avaliadores:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="70" />
            <source>The name the formula uses for this grader's score: letters, digits and _</source>
            <translation>O nome que a fórmula usa para a nota deste avaliador: letras, dígitos e _</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="71" />
            <source>Name in the formula</source>
            <translation>Nome na fórmula</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="81" />
            <source>Name in the form&amp;ula:</source>
            <translation>Nome na fórm&amp;ula:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="88" />
            <source>No graders yet: use Add to put the first one in.</source>
            <translation>Ainda não há avaliadores: use Adicionar para incluir o primeiro.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="99" />
            <source>for example: 0.7 * exact + 0.3 * similarity</source>
            <translation>por exemplo: 0.7 * exact + 0.3 * similarity</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="100" />
            <source>How the scores combine: the graders' names with + - * / ^ (power), parentheses, numbers and {f}</source>
            <translation>Como as notas se combinam: os nomes dos avaliadores com + - * / ^ (potência), parênteses, números e {f}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="103" />
            <source>&amp;Score formula:</source>
            <translation>Fó&amp;rmula da nota:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="139" />
            <source>Use the names {names} with + - * / ^, parentheses, numbers and {f}.</source>
            <translation>Use os nomes {names} com + - * / ^, parênteses, números e {f}.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="141" />
            <source>Add graders first; the formula combines their scores by name.</source>
            <translation>Adicione avaliadores primeiro; a fórmula combina as notas deles pelo nome.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="201" />
            <source>✖ A name may hold letters, digits and _ and must not start with a digit.</source>
            <translation>✖ Um nome pode ter letras, dígitos e _, e não pode começar com dígito.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/multi_form.py" line="203" />
            <source>✖ Another grader of this combination already has that name.</source>
            <translation>✖ Outro avaliador desta combinação já tem esse nome.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="48" />
            <source>⚠ Warning: {message}</source>
            <translation>⚠ Aviso: {message}</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="43" />
            <source>%Ln answer(s) scored · average {mean} · lowest {low} · highest {high}</source>
            <translation>
                <numerusform>%Ln resposta com nota · média {mean} · menor {low} · maior {high}</numerusform>
                <numerusform>%Ln respostas com nota · média {mean} · menor {low} · maior {high}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="53" />
            <source>ℹ %Ln answer(s) could not be scored: {why}</source>
            <translation>
                <numerusform>ℹ %Ln resposta não pôde receber nota: {why}</numerusform>
                <numerusform>ℹ %Ln respostas não puderam receber nota: {why}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="56" />
            <source>This model has no answers in the run yet.</source>
            <translation>Este modelo ainda não tem respostas na execução.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="66" />
            <source>Reward preview</source>
            <translation>Prévia das recompensas</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="72" />
            <source>Score many answers of a Playground batch run at once: a good grader tells good answers from bad ones.</source>
            <translation>Dê nota a muitas respostas de uma execução em lote do Playground de uma só vez: um bom avaliador distingue as respostas boas das ruins.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="76" />
            <source>Batch run</source>
            <translation>Execução em lote</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="77" />
            <source>A Playground batch run of this dataset: its answers are scored</source>
            <translation>Uma execução em lote do Playground com este conjunto de dados: as respostas dela recebem nota</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="79" />
            <source>Model of the batch run</source>
            <translation>Modelo da execução em lote</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="83" />
            <source> answers</source>
            <translation> respostas</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="84" />
            <source>How many answers to score; model and Python graders make one paid call each</source>
            <translation>Quantas respostas avaliar; avaliadores de modelo e de Python fazem uma chamada paga por resposta</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="85" />
            <source>Pre&amp;view rewards</source>
            <translation>Pré&amp;via das recompensas</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="87" />
            <source>Score the answers here when the app can, else on the connection</source>
            <translation>Dá nota às respostas aqui quando o aplicativo consegue; senão, na conexão</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="89" />
            <source>Stop</source>
            <translation>Parar</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="100" />
            <source>&amp;Batch run:</source>
            <translation>Execução em &amp;lote:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="101" />
            <source>Mo&amp;del:</source>
            <translation>Mo&amp;delo:</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/preview_panel.py" line="129" />
            <source>{name} (%Ln answer(s))</source>
            <translation>
                <numerusform>{name} (%Ln resposta)</numerusform>
                <numerusform>{name} (%Ln respostas)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="132" />
            <source>ℹ No batch runs of this dataset yet: run it through one or more models in the Playground's batch panel, then come back.</source>
            <translation>ℹ Este conjunto de dados ainda não tem execuções em lote: rode-o em um ou mais modelos no painel de lote do Playground e depois volte aqui.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="176" />
            <source>… Scoring answers: {done} of {total}</source>
            <translation>… Dando nota às respostas: {done} de {total}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="179" />
            <source>… Reading the answers…</source>
            <translation>… Lendo as respostas…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="190" />
            <source>Stopped.</source>
            <translation>Interrompido.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/preview_panel.py" line="195" />
            <source>✖ {message}</source>
            <translation>✖ {message}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/reward_chart.py" line="22" />
            <source>Spread of the rewards</source>
            <translation>Distribuição das recompensas</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/reward_chart.py" line="31" />
            <source>%Ln answer(s) in {b} score bands from 0 to 1</source>
            <translation>
                <numerusform>%Ln resposta em {b} faixas de nota, de 0 a 1</numerusform>
                <numerusform>%Ln respostas em {b} faixas de nota, de 0 a 1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/reward_chart.py" line="70" />
            <source>%Ln answer(s) scored {low}–{high}</source>
            <translation>
                <numerusform>%Ln resposta com nota entre {low} e {high}</numerusform>
                <numerusform>%Ln respostas com nota entre {low} e {high}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/reward_chart.py" line="46" />
            <source>No rewards yet</source>
            <translation>Ainda não há recompensas</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="62" />
            <source>This example is not a JSON object.</source>
            <translation>Este exemplo não é um objeto JSON.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="67" />
            <source>Question: {text}</source>
            <translation>Pergunta: {text}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="74" />
            <source>(no fields besides the conversation: {{item.…}} placeholders will be empty)</source>
            <translation>(não há campos além da conversa: os marcadores {{item.…}} ficarão vazios)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="94" />
            <source>Try the grader</source>
            <translation>Testar o avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="100" />
            <source>Example number</source>
            <translation>Número do exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="101" />
            <source>Which example of the dataset to grade, numbered as in the Datasets view</source>
            <translation>Qual exemplo do conjunto de dados avaliar, com a numeração da tela Conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="105" />
            <source>The example the grader reads</source>
            <translation>O exemplo que o avaliador lê</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="109" />
            <source>Type or paste an answer the model might give…</source>
            <translation>Digite ou cole uma resposta que o modelo poderia dar…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="110" />
            <source>Answer to grade</source>
            <translation>Resposta a avaliar</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="113" />
            <source>Use the batch run's answer</source>
            <translation>Usar a resposta da execução em lote</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="115" />
            <source>Fill in the answer the model chosen below gave to this example</source>
            <translation>Preencher com a resposta que o modelo escolhido abaixo deu a este exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="117" />
            <source>S&amp;core here</source>
            <translation>Dar nota a&amp;qui</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="120" />
            <source>Compute the score on this computer, offline (Ctrl+Return). Works for text comparisons, most similarity measures and combinations of them.</source>
            <translation>Calcula a nota neste computador, sem chamar o provedor (Ctrl+Return). Funciona com comparações de texto, com a maioria das medidas de semelhança e com combinações delas.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="126" />
            <source>Check and run the grader on the provider: the only way to try model and Python graders. A model grader uses a few tokens.</source>
            <translation>Confere e roda o avaliador no provedor: a única forma de testar avaliadores de modelo e de Python. Um avaliador de modelo gasta alguns tokens.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="137" />
            <source>Exampl&amp;e:</source>
            <translation>&amp;Exemplo:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="142" />
            <source>Ans&amp;wer:</source>
            <translation>Re&amp;sposta:</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="184" />
            <source>no dataset chosen</source>
            <translation>nenhum conjunto de dados escolhido</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="185" />
            <source>Choose a dataset above: the grader then reads its examples. Without one, {{item.…}} placeholders are empty.</source>
            <translation>Escolha um conjunto de dados acima: o avaliador passa a ler os exemplos dele. Sem um, os marcadores {{item.…}} ficam vazios.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="204" />
            <source>of {n}</source>
            <translation>de {n}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="208" />
            <source>This dataset has no examples yet.</source>
            <translation>Este conjunto de dados ainda não tem exemplos.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="219" />
            <source>ℹ No answer</source>
            <translation>ℹ Sem resposta</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="220" />
            <source>That model has no answer to this example in the batch run.</source>
            <translation>Esse modelo não tem resposta para este exemplo na execução em lote.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="226" />
            <source>Try &amp;on “{name}”</source>
            <translation>&amp;Testar em “{name}”</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="228" />
            <source>Try &amp;on a connection</source>
            <translation>&amp;Testar em uma conexão</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="252" />
            <source>✖ Could not score here</source>
            <translation>✖ Não foi possível dar a nota aqui</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="253" />
            <source>The grader could not be computed: {error}. Look at the checks under the editor.</source>
            <translation>Não foi possível calcular o avaliador: {error}. Veja as verificações abaixo do editor.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="260" />
            <source>ℹ Not computed here</source>
            <translation>ℹ Não calculado aqui</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="261" />
            <source>{note} Use “Try on …” to score it on the provider.</source>
            <translation>{note} Use “Testar em …” para dar a nota no provedor.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="267" />
            <location filename="../../ui/graders/trial.py" line="310" />
            <source>Score: {score}</source>
            <translation>Nota: {score}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="271" />
            <source>Sub-scores: {list}</source>
            <translation>Notas parciais: {list}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="292" />
            <source>… Checking the grader on the connection…</source>
            <translation>… Conferindo o avaliador na conexão…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="299" />
            <source>✖ Not accepted</source>
            <translation>✖ Não aceito</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="301" />
            <source>… Running the grader on the connection…</source>
            <translation>… Rodando o avaliador na conexão…</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="305" />
            <source>✖ Could not try the grader</source>
            <translation>✖ Não foi possível testar o avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="311" />
            <source>✖ No score came back</source>
            <translation>✖ Nenhuma nota voltou</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="315" />
            <source>✖ {error}</source>
            <translation>✖ {error}</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="318" />
            <source>took {s} s</source>
            <translation>levou {s} s</translation>
        </message>
        <message>
            <location filename="../../ui/graders/trial.py" line="321" />
            <source>{n} tokens used by the grading model</source>
            <translation>{n} tokens usados pelo modelo avaliador</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="17" />
            <source>Text comparison</source>
            <translation>Comparação de texto</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="18" />
            <source>Text similarity</source>
            <translation>Semelhança de texto</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="19" />
            <source>Model gives a score</source>
            <translation>Modelo dá uma nota</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="20" />
            <source>Model picks a label</source>
            <translation>Modelo escolhe um rótulo</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="21" />
            <source>Python code</source>
            <translation>Código Python</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="22" />
            <source>Combination of graders</source>
            <translation>Combinação de avaliadores</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="29" />
            <source>Compares the model's answer with a reference text: 1 when they match the way you choose, 0 when they do not.</source>
            <translation>Compara a resposta do modelo com um texto de referência: 1 quando combinam do jeito que você escolher, 0 quando não.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="31" />
            <source>Scores from 0 to 1 how close the model's answer is to a reference text.</source>
            <translation>Dá uma nota de 0 a 1 para o quanto a resposta do modelo se aproxima de um texto de referência.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="32" />
            <source>Asks another model to rate the answer with a number, for answers that need judgement; it can only be tried on a connection.</source>
            <translation>Pede a outro modelo que dê um número à resposta, para respostas que exigem julgamento; só pode ser testado em uma conexão.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="34" />
            <source>Asks another model to put the answer under one of your labels; some labels count as a pass. Only usable inside a combination.</source>
            <translation>Pede a outro modelo que classifique a resposta com um dos seus rótulos; alguns rótulos contam como aprovação. Só pode ser usado dentro de uma combinação.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="36" />
            <source>Runs a small Python function that returns a score from 0 to 1 (for when a colleague writes the scoring rule as code); it can only be tried on a connection.</source>
            <translation>Roda uma pequena função Python que retorna uma nota de 0 a 1 (para quando um colega escreve a regra de nota em código); só pode ser testado em uma conexão.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="38" />
            <source>Combines several graders into one score with a formula, such as 0.7 * accuracy + 0.3 * style.</source>
            <translation>Combina vários avaliadores em uma só nota com uma fórmula, como 0.7 * acerto + 0.3 * estilo.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="40" />
            <source>The app does not know this grader type; edit it in the JSON tab.</source>
            <translation>O aplicativo não conhece este tipo de avaliador; edite-o na aba JSON.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="46" />
            <source>is exactly the same as the reference</source>
            <translation>é exatamente igual à referência</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="47" />
            <source>is different from the reference</source>
            <translation>é diferente da referência</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="48" />
            <source>contains the reference (capitals matter)</source>
            <translation>contém a referência (maiúsculas importam)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="49" />
            <source>contains the reference (capitals do not matter)</source>
            <translation>contém a referência (maiúsculas não importam)</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/graders/words.py" line="56" />
            <source>ROUGE-%n: shared runs of %n words (common for summaries)</source>
            <translation>
                <numerusform>ROUGE-%n: palavras em comum (usual em resumos)</numerusform>
                <numerusform>ROUGE-%n: sequências de %n palavras em comum (usual em resumos)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="58" />
            <source>Fuzzy match: how many characters agree (tolerates typos)</source>
            <translation>Correspondência aproximada: quantos caracteres coincidem (tolera erros de digitação)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="59" />
            <source>BLEU: shared word sequences (common for translation)</source>
            <translation>BLEU: sequências de palavras em comum (usual em tradução)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="60" />
            <source>GLEU: like BLEU, fairer to single sentences</source>
            <translation>GLEU: como o BLEU, mais justo com frases isoladas</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="61" />
            <source>METEOR: shared words, counting word forms and synonyms (tried on a connection only)</source>
            <translation>METEOR: palavras em comum, contando flexões e sinônimos (testado só em uma conexão)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="62" />
            <source>ROUGE-L: the longest run of words in the same order</source>
            <translation>ROUGE-L: a maior sequência de palavras na mesma ordem</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="63" />
            <source>Cosine: closeness in meaning (evaluations only, not usable for fine-tuning)</source>
            <translation>Cosseno: proximidade de sentido (só para avaliações, não serve para ajuste fino)</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="69" />
            <source>Write {{sample.output_text}} for the model's answer and {{item.FIELD}} for a field of the training example (for instance {{item.reference_answer}}). The {…} button inserts them.</source>
            <translation>Escreva {{sample.output_text}} para a resposta do modelo e {{item.CAMPO}} para um campo do exemplo de treinamento (por exemplo, {{item.reference_answer}}). O botão {…} insere esses marcadores.</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="75" />
            <source>✖ Error</source>
            <translation>✖ Erro</translation>
        </message>
        <message>
            <location filename="../../ui/graders/words.py" line="75" />
            <source>⚠ Warning</source>
            <translation>⚠ Aviso</translation>
        </message>
    </context>
    <context>
        <name>HistogramWidget</name>
        <message>
            <location filename="../../ui/datasets/histogram.py" line="48" />
            <source>No examples yet</source>
            <translation>Ainda não há exemplos</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/histogram.py" line="71" />
            <source>%Ln example(s) with {low}–{high} {unit}</source>
            <translation>
                <numerusform>%Ln exemplo com {low}–{high} {unit}</numerusform>
                <numerusform>%Ln exemplos com {low}–{high} {unit}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportComparisonsDialog</name>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="217" />
            <source>Import comparisons</source>
            <translation>Importar comparações</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="221" />
            <source>Choose a file of comparisons</source>
            <translation>Escolha um arquivo de comparações</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="222" />
            <source>Comparisons (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)</source>
            <translation>Comparações (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="222" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="223" />
            <source>A JSONL, JSON, CSV or TSV file</source>
            <translation>Um arquivo JSONL, JSON, CSV ou TSV</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="224" />
            <source>File</source>
            <translation>Arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="230" />
            <source>&amp;File:</source>
            <translation>&amp;Arquivo:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="231" />
            <source>&amp;Queue:</source>
            <translation>&amp;Fila:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="235" />
            <source>Accepted: preference pairs (a DPO JSONL file), a JSONL of prompts with several answers (“messages” or “prompt”, and “answers”), or a CSV/TSV table with a prompt column and answer columns. The judge never sees which answer was preferred or which model wrote it.</source>
            <translation>Aceitos: pares de preferência (um arquivo JSONL de DPO), um JSONL de prompts com várias respostas (“messages” ou “prompt”, e “answers”) ou uma tabela CSV/TSV com uma coluna de prompt e colunas de respostas. Quem julga nunca vê qual resposta era a preferida nem qual modelo a escreveu.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="238" />
            <source>Reading the file and adding its comparisons…</source>
            <translation>Lendo o arquivo e adicionando as comparações…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="242" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="243" />
            <source>&amp;Import</source>
            <translation>&amp;Importar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="294" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="296" />
            <source>Choose the file to import.</source>
            <translation>Escolha o arquivo a importar.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="298" />
            <source>Give the queue a name.</source>
            <translation>Dê um nome à fila.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="306" />
            <source>Adds to this queue ({0} comparison now). Comparisons it already holds are not added twice.</source>
            <translation>Adiciona a esta fila (hoje com {0} comparação). Comparações que ela já tem não são adicionadas de novo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="307" />
            <source>Adds to this queue ({0} comparisons now). Comparisons it already holds are not added twice.</source>
            <translation>Adiciona a esta fila (hoje com {0} comparações). Comparações que ela já tem não são adicionadas de novo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="310" />
            <source>A new queue is made.</source>
            <translation>Uma nova fila é criada.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="313" />
            <source>Add the file's comparisons to the queue (Enter)</source>
            <translation>Adicionar as comparações do arquivo à fila (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="338" />
            <source>“{0}” does not exist. It may have been moved or renamed; choose it again.</source>
            <translation>“{0}” não existe. Talvez tenha sido movido ou renomeado; escolha-o de novo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="340" />
            <source>The file could not be imported: {0}</source>
            <translation>Não foi possível importar o arquivo: {0}</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="71" />
            <source>Import a file</source>
            <translation>Importar um arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="84" />
            <source>A JSONL, JSON, CSV or TSV file</source>
            <translation>Um arquivo JSONL, JSON, CSV ou TSV</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="85" />
            <source>File</source>
            <translation>Arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="87" />
            <source>C&amp;hoose…</source>
            <translation>&amp;Escolher…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="101" />
            <source>Dataset name</source>
            <translation>Nome do conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="107" />
            <source>&amp;File:</source>
            <translation>&amp;Arquivo:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="110" />
            <source>F&amp;ormat:</source>
            <translation>&amp;Formato:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="112" />
            <source>&amp;Kind of data:</source>
            <translation>&amp;Tipo de dados:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="114" />
            <source>&amp;Name:</source>
            <translation>&amp;Nome:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="122" />
            <source>Which column holds what</source>
            <translation>O que há em cada coluna</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="126" />
            <source>Every example is checked as it is imported. Problems do not stop the import: afterwards you get a list of them, and can fix them in the dataset.</source>
            <translation>Cada exemplo é verificado durante a importação. Problemas não interrompem a importação: no final, você recebe uma lista deles e pode corrigi-los no conjunto de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="159" />
            <location filename="../../ui/datasets/import_dialog.py" line="288" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="160" />
            <source>&amp;Import</source>
            <translation>&amp;Importar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="161" />
            <source>&amp;Open dataset</source>
            <translation>A&amp;brir conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="186" />
            <source>Choose a file to import</source>
            <translation>Escolha um arquivo para importar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="268" />
            <source>Choose a file to import, or drop one onto the datasets view.</source>
            <translation>Escolha um arquivo para importar ou arraste um para a tela Conjuntos de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="270" />
            <source>Reading the file…</source>
            <translation>Lendo o arquivo…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="274" />
            <source>Open a project first: the dataset is added to it.</source>
            <translation>Abra um projeto primeiro: o conjunto de dados é adicionado a ele.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="276" />
            <source>Give the dataset a name.</source>
            <translation>Dê um nome ao conjunto de dados.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="288" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="336" />
            <source>Import cancelled — nothing was added.</source>
            <translation>Importação cancelada — nada foi adicionado.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="340" />
            <source>Could not read the file: {0}. Nothing was added.</source>
            <translation>Não foi possível ler o arquivo: {0}. Nada foi adicionado.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_dialog.py" line="342" />
            <source>The import failed, so nothing was added. The details are in the banner.</source>
            <translation>A importação falhou, então nada foi adicionado. Os detalhes estão na mensagem de erro.</translation>
        </message>
    </context>
    <context>
        <name>ImportProgressWidget</name>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="276" />
            <source>Import progress</source>
            <translation>Progresso da importação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="279" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="280" />
            <source>Stop the import; nothing is added (Esc)</source>
            <translation>Interromper a importação; nada é adicionado (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="294" />
            <source>Importing “{0}”…</source>
            <translation>Importando “{0}”…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="296" />
            <source>Reading and checking every example. You can keep working meanwhile.</source>
            <translation>Lendo e verificando cada exemplo. Enquanto isso, você pode continuar trabalhando.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="302" />
            <source>{0} of {1} read and checked. You can keep working meanwhile.</source>
            <translation>{0} de {1} lidos e verificados. Enquanto isso, você pode continuar trabalhando.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="308" />
            <source>Cancelling…</source>
            <translation>Cancelando…</translation>
        </message>
    </context>
    <context>
        <name>ImportReport</name>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="54" />
            <source>{0} KB</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="55" />
            <source>{0} MB</source>
            <translation>{0} MB</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="60" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="60" />
            <source>Warning</source>
            <translation>Aviso</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="74" />
            <source>Imported {0} example into “{1}”.</source>
            <translation>{0} exemplo importado para “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="75" />
            <source>Imported {0} examples into “{1}”.</source>
            <translation>{0} exemplos importados para “{1}”.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="81" />
            <source>{0} line could not be read</source>
            <translation>{0} linha não pôde ser lida</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="82" />
            <source>{0} lines could not be read</source>
            <translation>{0} linhas não puderam ser lidas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="84" />
            <source>{0} example has errors</source>
            <translation>{0} exemplo tem erros</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="85" />
            <source>{0} examples have errors</source>
            <translation>{0} exemplos têm erros</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="87" />
            <source>{0} warning</source>
            <translation>{0} aviso</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="87" />
            <source>{0} warnings</source>
            <translation>{0} avisos</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="89" />
            <source>{0} problem concerns the whole dataset</source>
            <translation>{0} problema afeta o conjunto de dados inteiro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="90" />
            <source>{0} problems concern the whole dataset</source>
            <translation>{0} problemas afetam o conjunto de dados inteiro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="92" />
            <source>No problems found.</source>
            <translation>Nenhum problema encontrado.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="127" />
            <source>Line</source>
            <translation>Linha</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="127" />
            <source>Severity</source>
            <translation>Gravidade</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="128" />
            <source>Problem</source>
            <translation>Problema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="148" />
            <source>This concerns the whole dataset, not one line.</source>
            <translation>Isto afeta o conjunto de dados inteiro, não uma linha só.</translation>
        </message>
    </context>
    <context>
        <name>ImportReportWidget</name>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="173" />
            <source>Problems found in the file</source>
            <translation>Problemas encontrados no arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="193" />
            <source>Selected problem</source>
            <translation>Problema selecionado</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="194" />
            <source>Double-click a problem or press Enter to open its example.</source>
            <translation>Clique duas vezes em um problema ou pressione Enter para abrir o exemplo dele.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="196" />
            <source>Every line became an example without problems.</source>
            <translation>Todas as linhas viraram exemplos sem problemas.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="199" />
            <source>&amp;Copy report</source>
            <translation>&amp;Copiar relatório</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="200" />
            <source>Copy every problem as text (line, severity, message), for a spreadsheet or a colleague</source>
            <translation>Copiar todos os problemas como texto (linha, gravidade, mensagem), para uma planilha ou um colega</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="260" />
            <source>Line {0}</source>
            <translation>Linha {0}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_report.py" line="260" />
            <source>Whole dataset</source>
            <translation>Conjunto de dados inteiro</translation>
        </message>
    </context>
    <context>
        <name>ImportTexts</name>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="23" />
            <source>Conversations (supervised)</source>
            <translation>Conversas (supervisionado)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="23" />
            <source>Preference pairs (DPO)</source>
            <translation>Pares de preferência (DPO)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="24" />
            <source>Prompts with reference answers (RFT)</source>
            <translation>Prompts com respostas de referência (RFT)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="30" />
            <source>OpenAI JSONL</source>
            <translation>JSONL da OpenAI</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="31" />
            <source>One example per line in OpenAI's own format: chat messages (SFT), preference pairs with input/preferred_output/non_preferred_output (DPO) or messages plus reference fields (RFT).</source>
            <translation>Um exemplo por linha no formato da própria OpenAI: mensagens de conversa (SFT), pares de preferência com input/preferred_output/non_preferred_output (DPO) ou mensagens com campos de referência (RFT).</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="33" />
            <source>CSV spreadsheet</source>
            <translation>Planilha CSV</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="34" />
            <source>A table saved from Excel or Google Sheets, one example per row. You choose which columns hold the question, the answer and the system prompt.</source>
            <translation>Uma tabela salva no Excel ou no Google Planilhas, um exemplo por linha. Você escolhe quais colunas têm a pergunta, a resposta e o prompt de sistema.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="36" />
            <source>Tab-separated table</source>
            <translation>Tabela separada por tabulações</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="36" />
            <source>Like CSV, with tabs between the columns.</source>
            <translation>Como o CSV, com tabulações entre as colunas.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="37" />
            <source>Alpaca</source>
            <translation>Alpaca</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="38" />
            <source>Instruction-following data with instruction, input and output fields (JSONL or one JSON list).</source>
            <translation>Dados de seguir instruções com os campos instruction, input e output (JSONL ou uma lista JSON).</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="39" />
            <source>ShareGPT</source>
            <translation>ShareGPT</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="40" />
            <source>Conversations as lists of {from, value} turns (human, gpt, system, function_call, observation), JSONL or one JSON list.</source>
            <translation>Conversas como listas de turnos {from, value} (human, gpt, system, function_call, observation), em JSONL ou uma lista JSON.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="42" />
            <source>Preference pairs</source>
            <translation>Pares de preferência</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="43" />
            <source>prompt, chosen and rejected answers (texts or message lists), as used by TRL and many open datasets. Becomes DPO data.</source>
            <translation>prompt, resposta escolhida e rejeitada (textos ou listas de mensagens), como usam o TRL e muitos conjuntos de dados abertos. Vira dados DPO.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="52" />
            <source>Training data (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)</source>
            <translation>Dados de treinamento (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="53" />
            <source>JSON Lines (*.jsonl *.ndjson)</source>
            <translation>JSON Lines (*.jsonl *.ndjson)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="54" />
            <source>JSON (*.json)</source>
            <translation>JSON (*.json)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="54" />
            <source>CSV spreadsheets (*.csv)</source>
            <translation>Planilhas CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="55" />
            <source>Tab-separated tables (*.tsv *.tab)</source>
            <translation>Tabelas separadas por tabulação (*.tsv *.tab)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/import_formats.py" line="56" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
    </context>
    <context>
        <name>ItemsListWidget</name>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="126" />
            <source>All judged</source>
            <translation>Todas as julgadas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="129" />
            <source>✎ Rewritten</source>
            <translation>✎ Reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="130" />
            <source>Show judgements of this kind</source>
            <translation>Mostrar julgamentos deste tipo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="146" />
            <source>Judged comparisons</source>
            <translation>Comparações julgadas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="150" />
            <source>&lt;b&gt;Judged&lt;/b&gt;</source>
            <translation>&lt;b&gt;Julgadas&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="155" />
            <source>Enter or double-click: judge again</source>
            <translation>Enter ou clique duplo: julgar de novo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="167" />
            <source>{shown} of {total}</source>
            <translation>{shown} de {total}</translation>
        </message>
    </context>
    <context>
        <name>JobDetailWidget</name>
        <message>
            <location filename="../../ui/jobs/detail.py" line="95" />
            <source>Status history</source>
            <translation>Histórico de status</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="109" />
            <source>Job</source>
            <translation>Treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="109" />
            <source>Base model</source>
            <translation>Modelo base</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="109" />
            <source>Fine-tuned model</source>
            <translation>Modelo ajustado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="110" />
            <source>Method</source>
            <translation>Método</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="110" />
            <source>Created</source>
            <translation>Criado em</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="110" />
            <source>Finished</source>
            <translation>Concluído em</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="111" />
            <source>Estimated finish</source>
            <translation>Previsão de término</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="111" />
            <source>Trained tokens</source>
            <translation>Tokens treinados</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="127" />
            <source>&amp;Cancel job…</source>
            <translation>&amp;Cancelar treinamento…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="128" />
            <source>&amp;Pause…</source>
            <translation>&amp;Pausar…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="129" />
            <source>&amp;Resume…</source>
            <translation>&amp;Retomar…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="133" />
            <source>&amp;Try in Playground</source>
            <translation>&amp;Testar no Playground</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="134" />
            <source>Ask the fine-tuned model questions next to its base model</source>
            <translation>Fazer perguntas ao modelo ajustado lado a lado com o modelo base</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="143" />
            <source>Loss</source>
            <translation>Perda</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="144" />
            <source>Token accuracy</source>
            <translation>Acurácia por token</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="144" />
            <source>Accuracy</source>
            <translation>Acurácia</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="145" />
            <source>Reward</source>
            <translation>Recompensa</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="155" />
            <source>Level</source>
            <translation>Nível</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="155" />
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="155" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="157" />
            <source>Job events, newest first</source>
            <translation>Eventos do treinamento, mais recentes primeiro</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="161" />
            <source>Step</source>
            <translation>Passo</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="161" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="161" />
            <source>Metrics</source>
            <translation>Métricas</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="163" />
            <location filename="../../ui/jobs/detail.py" line="183" />
            <source>Checkpoints</source>
            <translation>Checkpoints</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="168" />
            <source>Open checkpoint in Playground</source>
            <translation>Abrir checkpoint no Playground</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="170" />
            <source>An earlier state of the training; compare it with the final model to see whether more training helped</source>
            <translation>Um estado anterior do treinamento; compare-o com o modelo final para ver se treinar mais ajudou</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="182" />
            <source>Events</source>
            <translation>Eventos</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="204" />
            <source>No job selected</source>
            <translation>Nenhum treinamento selecionado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="210" />
            <source>not yet</source>
            <translation>ainda não</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="220" />
            <source>The job failed.</source>
            <translation>O treinamento falhou.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="224" />
            <source>Code: %1</source>
            <translation>Código: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="226" />
            <source>Parameter: %1</source>
            <translation>Parâmetro: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="238" />
            <source>training loss</source>
            <translation>perda no treino</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="239" />
            <source>validation loss</source>
            <translation>perda na validação</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="240" />
            <source>full validation loss</source>
            <translation>perda na validação completa</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="243" />
            <source>training accuracy</source>
            <translation>acurácia no treino</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="244" />
            <source>validation accuracy</source>
            <translation>acurácia na validação</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="245" />
            <source>full validation accuracy</source>
            <translation>acurácia na validação completa</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="258" />
            <source>info</source>
            <translation>informação</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="258" />
            <source>warning</source>
            <translation>aviso</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="259" />
            <source>error</source>
            <translation>erro</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="294" />
            <source>training reward</source>
            <translation>recompensa no treino</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="295" />
            <source>full validation reward</source>
            <translation>recompensa na validação completa</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="296" />
            <source>training score</source>
            <translation>nota no treino</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="297" />
            <source>validation score</source>
            <translation>nota na validação</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="327" />
            <source>Cost: billed by the hour of training, not by tokens</source>
            <translation>Custo: cobrado por hora de treinamento, não por tokens</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="329" />
            <source> (%1 per hour, price of %2)</source>
            <translation> (%1 por hora, preço em %2)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="333" />
            <source>Cost: about %1 (price of %2)</source>
            <translation>Custo: cerca de %1 (preço em %2)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="334" />
            <source>Cost: less than %1 (price of %2)</source>
            <translation>Custo: menos de %1 (preço em %2)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="338" />
            <source>Cost: not known (no training price for this base model)</source>
            <translation>Custo: desconhecido (não há preço de treinamento para este modelo base)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="360" />
            <source>then</source>
            <translation>depois</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/detail.py" line="365" />
            <source>created</source>
            <translation>criado</translation>
        </message>
    </context>
    <context>
        <name>JobNotifier</name>
        <message>
            <location filename="../../ui/jobs/notify.py" line="24" />
            <source>Finetune Studio</source>
            <translation>Finetune Studio</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/notify.py" line="30" />
            <source>Training finished: %1</source>
            <translation>Treinamento concluído: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/notify.py" line="32" />
            <source>the provider gave no reason.</source>
            <translation>o provedor não informou o motivo.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/notify.py" line="33" />
            <source>Training failed: %1</source>
            <translation>O treinamento falhou: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/notify.py" line="35" />
            <source>Training cancelled</source>
            <translation>Treinamento cancelado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/notify.py" line="49" />
            <source>Training job</source>
            <translation>Treinamento</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="33" />
            <source>succeeded</source>
            <translation>concluído</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="34" />
            <source>failed</source>
            <translation>falhou</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="35" />
            <source>cancelled</source>
            <translation>cancelado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="36" />
            <source>running</source>
            <translation>em execução</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="37" />
            <source>queued</source>
            <translation>na fila</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="38" />
            <source>validating files</source>
            <translation>validando arquivos</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="39" />
            <source>paused</source>
            <translation>pausado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="42" />
            <source>unknown</source>
            <translation>desconhecido</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="61" />
            <source>supervised</source>
            <translation>supervisionado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="61" />
            <source>preference (DPO)</source>
            <translation>preferência (DPO)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="62" />
            <source>reinforcement</source>
            <translation>reforço</translation>
        </message>
    </context>
    <context>
        <name>JobsTableModel</name>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="75" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="75" />
            <source>Method</source>
            <translation>Método</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="75" />
            <source>Base model</source>
            <translation>Modelo base</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="75" />
            <source>Fine-tuned model</source>
            <translation>Modelo ajustado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="76" />
            <source>Created</source>
            <translation>Criado em</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="76" />
            <source>Finished</source>
            <translation>Concluído em</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/jobs_model.py" line="76" />
            <source>Trained tokens</source>
            <translation>Tokens treinados</translation>
        </message>
    </context>
    <context>
        <name>JobsView</name>
        <message>
            <location filename="../../ui/jobs/view.py" line="59" />
            <location filename="../../ui/jobs/view.py" line="77" />
            <source>Jobs</source>
            <translation>Treinamentos</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="78" />
            <source>&amp;Refresh</source>
            <translation>&amp;Atualizar</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="81" />
            <source>Fetch the jobs from the provider (F5)</source>
            <translation>Buscar os treinamentos no provedor (F5)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="85" />
            <source>&amp;New training job…</source>
            <translation>&amp;Novo treinamento…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="88" />
            <source>Start a training job step by step (Ctrl+T)</source>
            <translation>Iniciar um treinamento passo a passo (Ctrl+T)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="100" />
            <source>Training jobs</source>
            <translation>Treinamentos</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="119" />
            <source>No training jobs yet — start one with “New training job…” (Ctrl+T).</source>
            <translation>Ainda não há treinamentos — inicie um com “Novo treinamento…” (Ctrl+T).</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="219" />
            <source>There is no connection yet, so the jobs cannot be fetched. Add one in Settings → Connections; the jobs already known are shown meanwhile.</source>
            <translation>Ainda não há conexão, então não é possível buscar os treinamentos. Adicione uma em Configurações → Conexões; enquanto isso, aparecem os treinamentos já conhecidos.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="272" />
            <source>Could not check the running jobs: %1 Trying again in %2 s.</source>
            <translation>Não foi possível verificar os treinamentos em execução: %1 Nova tentativa em %2 s.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="310" />
            <source>Cancel this training job? It stops for good; the training so far is paid for.</source>
            <translation>Cancelar este treinamento? Ele para de vez, e o que já foi treinado será cobrado.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="311" />
            <source>Pause this training job? You can resume it later.</source>
            <translation>Pausar este treinamento? Você pode retomá-lo depois.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/view.py" line="312" />
            <source>Resume this training job?</source>
            <translation>Retomar este treinamento?</translation>
        </message>
    </context>
    <context>
        <name>JudgePanel</name>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="71" />
            <source>Judging panel</source>
            <translation>Painel de julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="73" />
            <source>key 1 or ←</source>
            <translation>tecla 1 ou ←</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="74" />
            <source>key 2 or →</source>
            <translation>tecla 2 ou →</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="87" />
            <source>Conversation so far</source>
            <translation>Conversa até aqui</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="95" />
            <source>Whether the judging keys are on</source>
            <translation>Se as teclas de julgamento estão ativas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="100" />
            <source>Last judgement</source>
            <translation>Último julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="101" />
            <source>Highlight differences (D)</source>
            <translation>Destacar diferenças (D)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="102" />
            <source>Mark the words in which the two answers differ</source>
            <translation>Marcar as palavras em que as duas respostas diferem</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="103" />
            <source>Reveal sources (R)</source>
            <translation>Revelar origens (R)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="105" />
            <source>Show which model wrote each answer — only once you have judged it, never before</source>
            <translation>Mostrar qual modelo escreveu cada resposta — só depois que você julgar, nunca antes</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="118" />
            <source>Why? An optional note saved with your judgement (N to type, Esc to leave)</source>
            <translation>Por quê? Uma observação opcional salva com o seu julgamento (N para digitar, Esc para sair)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="119" />
            <source>Note on this judgement</source>
            <translation>Observação sobre este julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="122" />
            <source>&amp;Note:</source>
            <translation>&amp;Observação:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="130" />
            <source>Keys</source>
            <translation>Teclas</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="143" />
            <source>Export to DPO…</source>
            <translation>Exportar para DPO…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="176" />
            <source>Save the rewrite</source>
            <translation>Salvar a reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="177" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="178" />
            <source>Next field</source>
            <translation>Próximo campo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="179" />
            <source>Also save as SFT</source>
            <translation>Salvar também como SFT</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="181" />
            <source>A is better</source>
            <translation>A é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="182" />
            <source>B is better</source>
            <translation>B é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="183" />
            <source>Tie</source>
            <translation>Empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="184" />
            <source>Both bad</source>
            <translation>Ambas ruins</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="185" />
            <source>Space</source>
            <translation>Espaço</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="185" />
            <source>Skip</source>
            <translation>Pular</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="186" />
            <source>Undo</source>
            <translation>Desfazer</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="187" />
            <source>Rewrite</source>
            <translation>Reescrever</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="188" />
            <source>Note</source>
            <translation>Observação</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="189" />
            <source>Differences</source>
            <translation>Diferenças</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="190" />
            <source>Sources</source>
            <translation>Origens</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="191" />
            <source>Scroll</source>
            <translation>Rolar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="211" />
            <source>“{queue}” has no comparisons yet. Import answers from a file or generate them (toolbar).</source>
            <translation>“{queue}” ainda não tem comparações. Importe respostas de um arquivo ou gere-as (barra de ferramentas).</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/judge_panel.py" line="214" />
            <source> (%Ln skipped — filter the list by “Skipped” to judge them)</source>
            <translation>
                <numerusform> (%Ln pulada — filtre a lista por “Pulada” para julgá-la)</numerusform>
                <numerusform> (%Ln puladas — filtre a lista por “Pulada” para julgá-las)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/judge_panel.py" line="217" />
            <source>All %Ln comparison(s) in “{queue}” are judged{skipped}.
Export them as DPO training data, or pick one from the list to judge it again.</source>
            <translation>
                <numerusform>A única comparação de “{queue}” foi julgada{skipped}.
Exporte-a como dados de treinamento DPO ou escolha-a na lista para julgá-la de novo.</numerusform>
                <numerusform>Todas as %Ln comparações de “{queue}” foram julgadas{skipped}.
Exporte-as como dados de treinamento DPO ou escolha uma na lista para julgá-la de novo.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="227" />
            <source>✓ Better</source>
            <translation>✓ Melhor</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="229" />
            <source>= Tie</source>
            <translation>= Empate</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="229" />
            <source>✗ Bad</source>
            <translation>✗ Ruim</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="232" />
            <source>↷ Skipped</source>
            <translation>↷ Pulada</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="234" />
            <source> · ✎ rewritten</source>
            <translation> · ✎ reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="289" />
            <source>&lt;b&gt;Keys: on&lt;/b&gt;</source>
            <translation>&lt;b&gt;Teclas: ativas&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="291" />
            <source>Keys: paused (Esc)</source>
            <translation>Teclas: pausadas (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judge_panel.py" line="293" />
            <source>The judging keys work while the comparison has the focus; typing in the note or a rewrite never judges. Esc or a click on the comparison turns them back on.</source>
            <translation>As teclas de julgamento funcionam enquanto a comparação tem o foco; digitar na observação ou numa reescrita nunca julga. Esc ou um clique na comparação as reativa.</translation>
        </message>
    </context>
    <context>
        <name>JudgedItemsModel</name>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="62" />
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="62" />
            <source>Judgement</source>
            <translation>Julgamento</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/items_list.py" line="62" />
            <source>Question</source>
            <translation>Pergunta</translation>
        </message>
    </context>
    <context>
        <name>JudgementFlow</name>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="86" />
            <source>A judgement could not be saved, so the queue is shown again as it is stored. Judge the comparison once more.</source>
            <translation>Não foi possível salvar um julgamento, então a fila é exibida de novo como está gravada. Julgue a comparação mais uma vez.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="152" />
            <source> · rewritten</source>
            <translation> · reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="153" />
            <source>Last: #{pos} {words}</source>
            <translation>Último: #{pos} {words}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="154" />
            <source> · A was {a}, B was {b}</source>
            <translation> · A era {a}, B era {b}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="155" />
            <source>(not recorded)</source>
            <translation>(não registrado)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="159" />
            <source>saving…</source>
            <translation>salvando…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="159" />
            <source>✓ saved</source>
            <translation>✓ salvo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="181" />
            <source>Nothing to undo.</source>
            <translation>Nada para desfazer.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/judgement_flow.py" line="199" />
            <source>Undone: #{pos}</source>
            <translation>Desfeito: #{pos}</translation>
        </message>
    </context>
    <context>
        <name>JudgingSession</name>
        <message>
            <location filename="../../ui/annotate/session.py" line="101" />
            <source>Choose a queue to judge.</source>
            <translation>Escolha uma fila para julgar.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/session.py" line="103" />
            <source>Opening “{queue}”…</source>
            <translation>Abrindo “{queue}”…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/session.py" line="185" />
            <source>Comparison #{n} · </source>
            <translation>Comparação #{n} · </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/session.py" line="186" />
            <source>{pos}Done {done} / {total} (you: {mine})</source>
            <translation>{pos}Julgadas {done} / {total} (você: {mine})</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/annotate/session.py" line="189" />
            <source> · %Ln skipped</source>
            <translation>
                <numerusform> · %Ln pulada</numerusform>
                <numerusform> · %Ln puladas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotate/session.py" line="232" />
            <source>Loading the next comparison…</source>
            <translation>Carregando a próxima comparação…</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/session.py" line="264" />
            <source>Opening the project…</source>
            <translation>Abrindo o projeto…</translation>
        </message>
    </context>
    <context>
        <name>LanguageSwitchMixin</name>
        <message>
            <location filename="../../ui/language_switch.py" line="56" />
            <source>The language changes when these windows are closed: {names}</source>
            <translation>O idioma muda quando estas janelas forem fechadas: {names}</translation>
        </message>
    </context>
    <context>
        <name>LaunchSummaryWidget</name>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="23" />
            <source>&lt;b&gt;Check and start&lt;/b&gt;</source>
            <translation>&lt;b&gt;Verificar e iniciar&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="29" />
            <source>Problems found</source>
            <translation>Problemas encontrados</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="30" />
            <source>What the check found:</source>
            <translation>O que a verificação encontrou:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="40" />
            <source>Checking the data…</source>
            <translation>Verificando os dados…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="46" />
            <source>%Ln example(s)</source>
            <translation>
                <numerusform>%Ln exemplo</numerusform>
                <numerusform>%Ln exemplos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="49" />
            <source>%Ln epoch(s)</source>
            <translation>
                <numerusform>%Ln época</numerusform>
                <numerusform>%Ln épocas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_summary.py" line="68" />
            <source>… and %Ln more warning(s)</source>
            <translation>
                <numerusform>… e mais %Ln aviso</numerusform>
                <numerusform>… e mais %Ln avisos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="47" />
            <source>%1 billable tokens</source>
            <translation>%1 tokens cobrados</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="52" />
            <source>about %1 (%2, price of %3)</source>
            <translation>cerca de %1 (%2, preço de %3)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="56" />
            <source>An estimate: the final bill uses the tokens the job reports.</source>
            <translation>Uma estimativa: a cobrança final usa os tokens informados pelo treinamento.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="63" />
            <source>Error: %1</source>
            <translation>Erro: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="66" />
            <source>Warning: %1</source>
            <translation>Aviso: %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_summary.py" line="70" />
            <source>Fix the errors below before training; nothing was sent.</source>
            <translation>Corrija os erros abaixo antes do treinamento; nada foi enviado.</translation>
        </message>
    </context>
    <context>
        <name>LaunchWizard</name>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="64" />
            <source>New training job</source>
            <translation>Novo treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="77" />
            <source>&amp;Back</source>
            <translation>&amp;Voltar</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="78" />
            <source>&amp;Next</source>
            <translation>&amp;Avançar</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="79" />
            <source>&amp;Start training</source>
            <translation>&amp;Iniciar treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="80" />
            <location filename="../../ui/jobs/launch_wizard.py" line="271" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="100" />
            <source>&lt;b&gt;Connection and method&lt;/b&gt;</source>
            <translation>&lt;b&gt;Conexão e método&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="102" />
            <source>Connection</source>
            <translation>Conexão</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="108" />
            <source>There is no connection yet. Add one in Settings → Connections to start the job; meanwhile you can still choose a model and check the data.</source>
            <translation>Ainda não há conexão. Adicione uma em Configurações → Conexões para iniciar o treinamento; enquanto isso, você já pode escolher um modelo e verificar os dados.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="113" />
            <source>&amp;Connection:</source>
            <translation>&amp;Conexão:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="117" />
            <source>How should the model learn?</source>
            <translation>Como o modelo deve aprender?</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="120" />
            <source>&amp;Supervised</source>
            <translation>&amp;Supervisionado</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="121" />
            <source>The model learns to answer like your example conversations.</source>
            <translation>O modelo aprende a responder como nas suas conversas de exemplo.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="122" />
            <source>&amp;Preference (DPO)</source>
            <translation>&amp;Preferência (DPO)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="123" />
            <source>The model learns which of two answers you prefer.</source>
            <translation>O modelo aprende qual de duas respostas você prefere.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="124" />
            <source>&amp;Reinforcement (RFT)</source>
            <translation>&amp;Reforço (RFT)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="125" />
            <source>A reasoning model is rewarded by a grader that scores its answers.</source>
            <translation>Um modelo de raciocínio é recompensado por um avaliador que dá nota às respostas dele.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="147" />
            <source>&lt;b&gt;Data and settings&lt;/b&gt;</source>
            <translation>&lt;b&gt;Dados e configurações&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="158" />
            <source>&amp;Training data:</source>
            <translation>Dados de &amp;treinamento:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="159" />
            <source>&amp;Validation data:</source>
            <translation>Dados de va&amp;lidação:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="179" />
            <source>Preparing…</source>
            <translation>Preparando…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="222" />
            <source>There is no %1 dataset to train on yet; import one first.</source>
            <translation>Ainda não há conjunto de dados %1 para treinar; importe um primeiro.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="227" />
            <source>Reinforcement training needs a validation dataset.</source>
            <translation>O treinamento por reforço precisa de um conjunto de dados de validação.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="271" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="289" />
            <source>Cancelling after the current step…</source>
            <translation>Cancelando após a etapa atual…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="311" />
            <source>None (optional)</source>
            <translation>Nenhum (opcional)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="312" />
            <source>None — required for reinforcement</source>
            <translation>Nenhum — obrigatório para reforço</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/launch_wizard.py" line="316" />
            <source>%1 — %Ln example(s)</source>
            <translation>
                <numerusform>%1 — %Ln exemplo</numerusform>
                <numerusform>%1 — %Ln exemplos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="318" />
            <source> (⚠ %1 with errors)</source>
            <translation> (⚠ %1 com erros)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="340" />
            <source>%1 training of %2 on “%3” through %4.</source>
            <translation>%1: treinamento de %2 com “%3” (conexão: %4).</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="343" />
            <source>no connection</source>
            <translation>nenhuma</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="356" />
            <source>Uploading the training file…</source>
            <translation>Enviando o arquivo de treinamento…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="357" />
            <source>Uploading the validation file…</source>
            <translation>Enviando o arquivo de validação…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="367" />
            <source>Preparing the data…</source>
            <translation>Preparando os dados…</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="373" />
            <source>There is no connection to start the job with. Add one in Settings → Connections.</source>
            <translation>Não há conexão para iniciar o treinamento. Adicione uma em Configurações → Conexões.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="382" />
            <source>Cancelled. No training job was started.</source>
            <translation>Cancelado. Nenhum treinamento foi iniciado.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="389" />
            <source>If the provider made the job anyway, Refresh in the Jobs view finds it.</source>
            <translation>Se o provedor tiver criado o treinamento mesmo assim, Atualizar na tela Treinamentos vai encontrá-lo.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="397" />
            <source>The training job %1 was started. It will appear in the Jobs list.</source>
            <translation>O treinamento %1 foi iniciado. Ele vai aparecer na lista Treinamentos.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/launch_wizard.py" line="402" />
            <source>The job was not started: %1</source>
            <translation>O treinamento não foi iniciado: %1</translation>
        </message>
    </context>
    <context>
        <name>LineChartWidget</name>
        <message>
            <location filename="../../ui/jobs/chart.py" line="60" />
            <source>Step</source>
            <translation>Passo</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/chart.py" line="62" />
            <source>No metrics yet: they appear once training runs.</source>
            <translation>Ainda não há métricas: elas aparecem quando o treinamento começa a rodar.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/chart.py" line="74" />
            <source>{label}: %Ln point(s), last {value}</source>
            <translation>
                <numerusform>{label}: %Ln ponto, último {value}</numerusform>
                <numerusform>{label}: %Ln pontos, último {value}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="41" />
            <source>Finetune Studio projects (*.ftproj);;All files (*)</source>
            <translation>Projetos do Finetune Studio (*.ftproj);;Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="88" />
            <source>Something went wrong. The app keeps running; the details below can help support.</source>
            <translation>Algo deu errado. O aplicativo continua funcionando; os detalhes abaixo podem ajudar o suporte.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="100" />
            <source>Views</source>
            <translation>Telas</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="117" />
            <source>Settings</source>
            <translation>Configurações</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="122" />
            <source>Connections and preferences (Ctrl+,)</source>
            <translation>Conexões e preferências (Ctrl+,)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="161" />
            <source>&amp;File</source>
            <translation>&amp;Arquivo</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="163" />
            <source>&amp;New Project…</source>
            <translation>&amp;Novo projeto…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="165" />
            <source>&amp;Open Project…</source>
            <translation>&amp;Abrir projeto…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="169" />
            <source>Open &amp;Recent</source>
            <translation>Projetos &amp;recentes</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="171" />
            <source>Restore from &amp;Backup…</source>
            <translation>Restaurar de uma &amp;cópia de segurança…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>&amp;Quit</source>
            <translation>&amp;Sair</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="178" />
            <source>&amp;View</source>
            <translation>E&amp;xibir</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="184" />
            <source>&amp;Settings</source>
            <translation>&amp;Configurações</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="185" />
            <source>&amp;Connections…</source>
            <translation>&amp;Conexões…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="187" />
            <source>&amp;Preferences…</source>
            <translation>&amp;Preferências…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="191" />
            <source>&amp;Help</source>
            <translation>Aj&amp;uda</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="192" />
            <source>&amp;Keyboard Shortcuts</source>
            <translation>&amp;Atalhos de teclado</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="195" />
            <source>Open the &amp;Sample Project</source>
            <translation>Abrir o projeto de &amp;exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="196" />
            <source>&amp;About Finetune Studio</source>
            <translation>&amp;Sobre o Finetune Studio</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="212" />
            <source>Opening project…</source>
            <translation>Abrindo o projeto…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="215" />
            <source>Project: {name}  ·  {path}</source>
            <translation>Projeto: {name}  ·  {path}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="221" />
            <source>No connection — add one in Settings</source>
            <translation>Sem conexão — adicione uma em Configurações</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="222" />
            <source>{name}: no API key</source>
            <translation>{name}: sem chave de API</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="223" />
            <source>{name}: keyring unavailable</source>
            <translation>{name}: chaveiro do sistema indisponível</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="224" />
            <source>{name}: key stored</source>
            <translation>{name}: chave salva</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="225" />
            <source>{name}: connected</source>
            <translation>{name}: conectada</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="226" />
            <source>{name}: offline</source>
            <translation>{name}: sem acesso ao provedor</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="227" />
            <source>{name}: key rejected</source>
            <translation>{name}: chave recusada</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="243" />
            <source>No recent projects</source>
            <translation>Nenhum projeto recente</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="249" />
            <source>New Project</source>
            <translation>Novo projeto</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="249" />
            <source>Open Project</source>
            <translation>Abrir projeto</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="322" />
            <source>New project</source>
            <translation>Novo projeto</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="323" />
            <source>Open project</source>
            <translation>Abrir projeto</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="324" />
            <source>Connections</source>
            <translation>Conexões</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="325" />
            <location filename="../../ui/main_window.py" line="352" />
            <source>Keyboard shortcuts</source>
            <translation>Atalhos de teclado</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="325" />
            <source>F1 or ?</source>
            <translation>F1 ou ?</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="326" />
            <source>Quit</source>
            <translation>Sair</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="335" />
            <source>Everywhere</source>
            <translation>Em todas as telas</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="336" />
            <source>Datasets</source>
            <translation>Conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="337" />
            <source>Annotate</source>
            <translation>Anotar</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="338" />
            <source>Playground</source>
            <translation>Playground</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="348" />
            <source>Keyboard Shortcuts</source>
            <translation>Atalhos de teclado</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="369" />
            <source>&lt;h3&gt;Finetune Studio {version}&lt;/h3&gt;&lt;p&gt;Turn your know-how into a fine-tuned model: build training data, judge answers, train and compare.&lt;/p&gt;&lt;p&gt;Your data stays in one project file on your disk; API keys stay in your system keyring.&lt;/p&gt;&lt;p&gt;&lt;small&gt;{build}&lt;/small&gt;&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Finetune Studio {version}&lt;/h3&gt;&lt;p&gt;Transforme o seu conhecimento em um modelo ajustado: monte dados de treinamento, julgue respostas, treine e compare.&lt;/p&gt;&lt;p&gt;Seus dados ficam em um único arquivo de projeto no seu disco; as chaves de API ficam no chaveiro do sistema.&lt;/p&gt;&lt;p&gt;&lt;small&gt;{build}&lt;/small&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="375" />
            <source>About Finetune Studio</source>
            <translation>Sobre o Finetune Studio</translation>
        </message>
    </context>
    <context>
        <name>MappingTexts</name>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="51" />
            <location filename="../../ui/datasets/column_mapping.py" line="55" />
            <source>&amp;Prompt (user):</source>
            <translation>&amp;Prompt (usuário):</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="51" />
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="52" />
            <source>P&amp;referred answer:</source>
            <translation>Resposta p&amp;referida:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="52" />
            <source>Preferred answer</source>
            <translation>Resposta preferida</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="53" />
            <source>Re&amp;jected answer:</source>
            <translation>Resposta re&amp;jeitada:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="53" />
            <source>Rejected answer</source>
            <translation>Resposta rejeitada</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="55" />
            <location filename="../../ui/datasets/column_mapping.py" line="56" />
            <source>User</source>
            <translation>Usuário</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="56" />
            <source>&amp;Question (user):</source>
            <translation>P&amp;ergunta (usuário):</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="57" />
            <source>&amp;Answer (assistant):</source>
            <translation>&amp;Resposta (assistente):</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="57" />
            <source>Assistant</source>
            <translation>Assistente</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="82" />
            <source>The file is empty: there is nothing to import.</source>
            <translation>O arquivo está vazio: não há nada para importar.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/column_mapping.py" line="95" />
            <source>Could not read the file: {0}</source>
            <translation>Não foi possível ler o arquivo: {0}</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="65" />
            <source>Merge a colleague's copy</source>
            <translation>Mesclar a cópia de um colega</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="70" />
            <source>Choose a copy of this project that a colleague (or you, on another computer) judged in. Their queues, comparisons and judgements are added here; nothing is duplicated, and where you both judged the same item under the same name the newer judgement is kept. Their file is only read, never changed.</source>
            <translation>Escolha uma cópia deste projeto em que um colega (ou você, em outro computador) fez julgamentos. As filas, comparações e julgamentos dessa cópia são adicionados aqui; nada é duplicado e, quando os dois julgaram o mesmo item com o mesmo nome de anotador, o julgamento mais recente é mantido. O arquivo da outra cópia é apenas lido, nunca alterado.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="74" />
            <source>Choose the other copy of the project</source>
            <translation>Escolha a outra cópia do projeto</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="75" />
            <source>Finetune Studio projects (*.ftproj)</source>
            <translation>Projetos do Finetune Studio (*.ftproj)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="75" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="76" />
            <source>The other copy's project file (.ftproj)</source>
            <translation>O arquivo de projeto da outra cópia (.ftproj)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="77" />
            <source>Project file to merge from</source>
            <translation>Arquivo de projeto a mesclar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="81" />
            <source>&amp;Other copy:</source>
            <translation>&amp;Outra cópia:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="82" />
            <source>Merging… the rest of the app stays usable.</source>
            <translation>Mesclando… você pode continuar usando o resto do aplicativo.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="86" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="87" />
            <source>&amp;Merge</source>
            <translation>&amp;Mesclar</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="111" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="113" />
            <source>Choose the other copy of the project.</source>
            <translation>Escolha a outra cópia do projeto.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="119" />
            <source>Bring in the other copy's judgements (Enter)</source>
            <translation>Trazer os julgamentos da outra cópia (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="142" />
            <source>The file could not be read: {0}</source>
            <translation>Não foi possível ler o arquivo: {0}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/merge_dialog.py" line="150" />
            <source>Nothing was changed.</source>
            <translation>Nada foi alterado.</translation>
        </message>
    </context>
    <context>
        <name>MessageBarWidget</name>
        <message>
            <location filename="../../ui/playground/conversation.py" line="73" />
            <source>Messages so far</source>
            <translation>Mensagens até aqui</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="74" />
            <source>Your messages so far; pick one to show the answers to it.</source>
            <translation>Suas mensagens até aqui; escolha uma para ver as respostas a ela.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="81" />
            <source>&amp;Conversation:</source>
            <translation>&amp;Conversa:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="90" />
            <source>Type a message for every model… (Ctrl+Enter sends)</source>
            <translation>Digite uma mensagem para todos os modelos… (Ctrl+Enter envia)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="91" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="94" />
            <source>Your &amp;message:</source>
            <translation>Sua &amp;mensagem:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="96" />
            <source>Send</source>
            <translation>Enviar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="97" />
            <source>Ask every pane's model (Ctrl+Enter)</source>
            <translation>Perguntar ao modelo de cada painel (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="130" />
            <source>No messages yet</source>
            <translation>Ainda não há mensagens</translation>
        </message>
    </context>
    <context>
        <name>ModelCatalog</name>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="99" />
            <source>This connection no longer exists; choose another one.</source>
            <translation>Esta conexão não existe mais; escolha outra.</translation>
        </message>
    </context>
    <context>
        <name>ModelChoiceWidget</name>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="74" />
            <source>&lt;b&gt;Base model&lt;/b&gt; — the models that suit the method come first; your own fine-tunes (ft:…) continue training from where they are.</source>
            <translation>&lt;b&gt;Modelo base&lt;/b&gt; — os modelos adequados ao método aparecem primeiro; seus modelos ajustados (ft:…) continuam o treinamento de onde pararam.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="83" />
            <source>Base models</source>
            <translation>Modelos base</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="107" />
            <source>There is no connection yet.</source>
            <translation>Ainda não há conexão.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="112" />
            <source>The models could not be listed: %1 These are the models known to the app; you can prepare the job and start it once the connection works.</source>
            <translation>Não foi possível listar os modelos: %1 Estes são os modelos que o aplicativo conhece; você pode preparar o treinamento e iniciá-lo quando a conexão funcionar.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="132" />
            <source>your fine-tune: continue training</source>
            <translation>seu modelo ajustado: continuar o treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="134" />
            <source>not listed for this method</source>
            <translation>não listado para este método</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="139" />
            <source>retired on %1</source>
            <translation>desativado em %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="141" />
            <source>retires on %1</source>
            <translation>será desativado em %1</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="144" />
            <source> (today)</source>
            <translation> (hoje)</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/jobs/model_choice.py" line="144" />
            <source> (in %Ln day(s))</source>
            <translation>
                <numerusform> (em %Ln dia)</numerusform>
                <numerusform> (em %Ln dias)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/jobs/model_choice.py" line="157" />
            <source>Choose a base model.</source>
            <translation>Escolha um modelo base.</translation>
        </message>
    </context>
    <context>
        <name>ModelPickerWidget</name>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="133" />
            <source>Connection</source>
            <translation>Conexão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="134" />
            <source>The connection (provider account) this pane calls.</source>
            <translation>A conexão (conta do provedor) que este painel usa.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="140" />
            <location filename="../../ui/playground/model_picker.py" line="252" />
            <source>Type or pick a model</source>
            <translation>Digite ou escolha um modelo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="141" />
            <location filename="../../ui/playground/model_picker.py" line="250" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="142" />
            <location filename="../../ui/playground/model_picker.py" line="249" />
            <source>&amp;Model:</source>
            <translation>&amp;Modelo:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="145" />
            <source>Azure OpenAI answers through a deployment you created for a model: type that deployment's name.</source>
            <translation>O Azure OpenAI responde por meio de uma implantação (deployment) que você criou para um modelo: digite o nome dessa implantação.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="150" />
            <source>optional, e.g. gpt-4.1-mini</source>
            <translation>opcional, p. ex. gpt-4.1-mini</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="151" />
            <source>Model behind the deployment</source>
            <translation>Modelo da implantação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="153" />
            <source>The model this deployment runs. The app uses it for the price and for which parameters apply.</source>
            <translation>O modelo que esta implantação roda. O aplicativo o usa para o preço e para saber quais parâmetros se aplicam.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="155" />
            <source>Model &amp;behind it:</source>
            <translation>Modelo da &amp;implantação:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="164" />
            <source>&amp;Connection:</source>
            <translation>&amp;Conexão:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="209" />
            <source>⚠ Missing connection</source>
            <translation>⚠ Conexão ausente</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="249" />
            <source>&amp;Deployment name:</source>
            <translation>&amp;Nome da implantação:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="250" />
            <source>Deployment name</source>
            <translation>Nome da implantação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="252" />
            <source>Type the deployment name</source>
            <translation>Digite o nome da implantação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="276" />
            <source>Listing the models…</source>
            <translation>Listando os modelos…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="300" />
            <source>Your fine-tuned model</source>
            <translation>Seu modelo ajustado</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="300" />
            <source>A checkpoint saved during training</source>
            <translation>Um checkpoint salvo durante o treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="302" />
            <source>Retires on %1</source>
            <translation>Será desativado em %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="309" />
            <source>The models could not be listed: %1 You can still type a model name.</source>
            <translation>Não foi possível listar os modelos: %1 Você ainda pode digitar o nome de um modelo.</translation>
        </message>
    </context>
    <context>
        <name>ParamsEditorWidget</name>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="41" />
            <source>Default</source>
            <translation>Padrão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="49" />
            <source>How varied the answers are: 0 is focused and repeatable, 2 is very loose. Default: the model's own.</source>
            <translation>O quanto as respostas variam: 0 é focado e repetível, 2 é muito livre. Padrão: o do próprio modelo.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="57" />
            <source>Only the most likely words adding up to this share are considered (1 = all). Change either this or the temperature, not both.</source>
            <translation>Só as palavras mais prováveis que somam esta fração são consideradas (1 = todas). Mude este valor ou a temperatura, não os dois.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="65" />
            <source>The longest answer allowed, in tokens (a token is about ¾ of a word). The answer is cut there.</source>
            <translation>O tamanho máximo da resposta, em tokens (um token é cerca de ¾ de uma palavra). A resposta é cortada nesse ponto.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="69" />
            <source>None</source>
            <translation>Nenhuma</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="71" />
            <source>The same seed with the same settings makes answers more repeatable (not guaranteed).</source>
            <translation>A mesma semente com as mesmas configurações torna as respostas mais repetíveis (sem garantia).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="75" />
            <source>Low</source>
            <translation>Baixo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="75" />
            <source>Medium</source>
            <translation>Médio</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="75" />
            <source>High</source>
            <translation>Alto</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="79" />
            <source>How long a reasoning model thinks before answering: more effort is slower and costs more.</source>
            <translation>Quanto um modelo de raciocínio pensa antes de responder: mais esforço é mais lento e custa mais.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="90" />
            <source>&amp;Temperature:</source>
            <translation>&amp;Temperatura:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="91" />
            <source>Top &amp;P:</source>
            <translation>Top &amp;P:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="92" />
            <source>Max &amp;length:</source>
            <translation>Tamanho má&amp;x.:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="93" />
            <source>S&amp;eed:</source>
            <translation>&amp;Semente:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="94" />
            <source>&amp;Reasoning:</source>
            <translation>&amp;Raciocínio:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="171" />
            <source>temperature %1</source>
            <translation>temperatura %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="173" />
            <source>Top P %1</source>
            <translation>Top P %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="175" />
            <source>max %1 tokens</source>
            <translation>máx. %1 tokens</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="177" />
            <source>seed %1</source>
            <translation>semente %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="179" />
            <source>low reasoning</source>
            <translation>raciocínio baixo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="179" />
            <source>medium reasoning</source>
            <translation>raciocínio médio</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="180" />
            <source>high reasoning</source>
            <translation>raciocínio alto</translation>
        </message>
        <message>
            <location filename="../../ui/playground/params_editor.py" line="182" />
            <source>model defaults</source>
            <translation>padrões do modelo</translation>
        </message>
    </context>
    <context>
        <name>Playground</name>
        <message>
            <location filename="../../ui/playground/dialogs.py" line="46" />
            <source>%1 has no finished answer to save yet.</source>
            <translation>%1 ainda não tem uma resposta concluída para salvar.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/dialogs.py" line="51" />
            <source>Saved as a training example.</source>
            <translation>Exemplo de treinamento salvo.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/dialogs.py" line="63" />
            <source>Send pair needs two finished answers to your last message.</source>
            <translation>Para enviar um par, são necessárias duas respostas concluídas à sua última mensagem.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/dialogs.py" line="101" />
            <source>Batch runs</source>
            <translation>Execuções em lote</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="42" />
            <source>&amp;History</source>
            <translation>&amp;Histórico</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="43" />
            <source>Show the saved sessions</source>
            <translation>Mostrar as sessões salvas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="44" />
            <source>&amp;New session</source>
            <translation>&amp;Nova sessão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="45" />
            <source>Start an empty conversation with the same models</source>
            <translation>Iniciar uma conversa vazia com os mesmos modelos</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="46" />
            <source>&amp;Add pane</source>
            <translation>&amp;Adicionar painel</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="47" />
            <source>Compare one more model (up to four)</source>
            <translation>Comparar mais um modelo (até quatro)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="48" />
            <source>&amp;Blind mode</source>
            <translation>Modo às &amp;cegas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="49" />
            <source>Hide the model names and shuffle the panes</source>
            <translation>Ocultar os nomes dos modelos e embaralhar os painéis</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="50" />
            <source>&amp;Reveal</source>
            <translation>&amp;Revelar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="51" />
            <source>Show which model wrote which answer</source>
            <translation>Mostrar qual modelo escreveu cada resposta</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="52" />
            <source>&amp;Shared parameters</source>
            <translation>&amp;Parâmetros compartilhados</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="53" />
            <source>Use the same parameters for every pane</source>
            <translation>Usar os mesmos parâmetros em todos os painéis</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="54" />
            <source>Send &amp;pair…</source>
            <translation>&amp;Enviar par…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="55" />
            <source>Send two answers to the annotator, or as a preference pair</source>
            <translation>Enviar duas respostas para julgar em Anotar ou como par de preferência</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="56" />
            <source>Batch r&amp;un…</source>
            <translation>Execução em &amp;lote…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="57" />
            <source>Run a whole dataset through these models</source>
            <translation>Rodar um conjunto de dados inteiro nestes modelos</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="58" />
            <source>Stop all</source>
            <translation>Parar tudo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="58" />
            <source>Stop every answer</source>
            <translation>Parar todas as respostas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="59" />
            <source>Send</source>
            <translation>Enviar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="59" />
            <source>Ask every pane's model</source>
            <translation>Perguntar ao modelo de cada painel</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="61" />
            <source>Save as example…</source>
            <translation>Salvar como exemplo…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="62" />
            <source>Save the selected pane's answer as a training example</source>
            <translation>Salvar a resposta do painel selecionado como exemplo de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="63" />
            <source>Playground</source>
            <translation>Playground</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="74" />
            <source>⚠ There is no connection yet, so no model can answer. Add one in Settings → Connections (Ctrl+,); the Playground keeps your sessions meanwhile.</source>
            <translation>⚠ Ainda não há conexão, então nenhum modelo pode responder. Adicione uma em Configurações → Conexões (Ctrl+,); enquanto isso, o Playground guarda suas sessões.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/layout.py" line="88" />
            <source>&lt;b&gt;Every pane:&lt;/b&gt;</source>
            <translation>&lt;b&gt;Todos os painéis:&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="48" />
            <source>%1 · checkpoint at step %2</source>
            <translation>%1 · checkpoint no passo %2</translation>
        </message>
        <message>
            <location filename="../../ui/playground/model_picker.py" line="49" />
            <source>%1 · fine-tune of %2</source>
            <translation>%1 · modelo ajustado de %2</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="52" />
            <source>[image]</source>
            <translation>[imagem]</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="57" />
            <source>[tool call]</source>
            <translation>[chamada de ferramenta]</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="63" />
            <source>System</source>
            <translation>Sistema</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="63" />
            <source>User</source>
            <translation>Usuário</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="64" />
            <source>Assistant</source>
            <translation>Assistente</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="64" />
            <source>Tool</source>
            <translation>Ferramenta</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="74" />
            <source>✖ Error</source>
            <translation>✖ Erro</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="74" />
            <source>⚠ Warning</source>
            <translation>⚠ Aviso</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="50" />
            <source>Wait for the answers, or stop them (Esc).</source>
            <translation>Aguarde as respostas ou interrompa-as (Esc).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="52" />
            <source>The project is still opening; try again in a moment.</source>
            <translation>O projeto ainda está abrindo; tente de novo em instantes.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="54" />
            <source>Type a message first.</source>
            <translation>Digite uma mensagem primeiro.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="56" />
            <source>There is no connection yet. Add one in Settings → Connections.</source>
            <translation>Ainda não há conexão. Adicione uma em Configurações → Conexões.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="60" />
            <source>Choose a connection for %1.</source>
            <translation>Escolha uma conexão para %1.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="63" />
            <source>Type the deployment name for %1.</source>
            <translation>Digite o nome da implantação para %1.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="64" />
            <source>Choose a model for %1.</source>
            <translation>Escolha um modelo para %1.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="121" />
            <source>The model is not ready yet; trying again…</source>
            <translation>O modelo ainda não está pronto; tentando de novo…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/streams.py" line="126" />
            <source>This pane has no connection. Choose one, or add one in Settings → Connections.</source>
            <translation>Este painel não tem conexão. Escolha uma ou adicione uma em Configurações → Conexões.</translation>
        </message>
    </context>
    <context>
        <name>PlaygroundShortcuts</name>
        <message>
            <location filename="../../ui/playground/view.py" line="35" />
            <source>Send to every pane</source>
            <translation>Enviar para todos os painéis</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="36" />
            <source>Stop all answers</source>
            <translation>Parar todas as respostas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="37" />
            <source>Blind mode on / off</source>
            <translation>Ligar / desligar o modo às cegas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="38" />
            <source>Reveal the models</source>
            <translation>Revelar os modelos</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="39" />
            <source>Save the selected answer as an example</source>
            <translation>Salvar a resposta selecionada como exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="40" />
            <source>Send two answers as a pair</source>
            <translation>Enviar duas respostas como par</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="41" />
            <source>New session</source>
            <translation>Nova sessão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="42" />
            <source>Show the history</source>
            <translation>Mostrar o histórico</translation>
        </message>
    </context>
    <context>
        <name>PlaygroundView</name>
        <message>
            <location filename="../../ui/playground/view.py" line="52" />
            <source>Playground</source>
            <translation>Playground</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="166" />
            <source>no model yet</source>
            <translation>ainda sem modelo</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="168" />
            <source>Model %1</source>
            <translation>Modelo %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="170" />
            <source>Model %1: %2</source>
            <translation>Modelo %1: %2</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="171" />
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="176" />
            <source>Blind mode: the model stays hidden until you press Reveal (Ctrl+Shift+B).</source>
            <translation>Modo às cegas: o modelo fica oculto até você clicar em Revelar (Ctrl+Shift+B).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/view.py" line="178" />
            <source>Deployment %1 running %2</source>
            <translation>Implantação (deployment) %1 com o modelo %2</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="43" />
            <source>Preferences</source>
            <translation>Preferências</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="49" />
            <source>System language ({language})</source>
            <translation>Idioma do sistema ({language})</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="54" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="56" />
            <source>The window is rebuilt in the new language when you press OK; your project and your work stay open.</source>
            <translation>A janela é refeita no novo idioma quando você clica em OK; seu projeto e seu trabalho continuam abertos.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="64" />
            <source>Your name</source>
            <translation>Seu nome</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="66" />
            <source>Your judgements in Annotate are signed with this name, so a colleague merging your copy sees who judged what. Empty: your login name.</source>
            <translation>Seus julgamentos em Anotar são assinados com este nome, para que um colega que mesclar a sua cópia veja quem julgou o quê. Em branco: seu nome de login.</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="73" />
            <source>&amp;Language:</source>
            <translation>&amp;Idioma:</translation>
        </message>
        <message>
            <location filename="../../ui/settings/preferences_dialog.py" line="75" />
            <source>Your &amp;name:</source>
            <translation>Seu &amp;nome:</translation>
        </message>
    </context>
    <context>
        <name>PricesDialog</name>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="160" />
            <source>Training prices</source>
            <translation>Preços de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="165" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="165" />
            <source>Training price (USD)</source>
            <translation>Preço de treinamento (USD)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="165" />
            <source>Per</source>
            <translation>Por</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="165" />
            <source>Price date</source>
            <translation>Data do preço</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="175" />
            <source>hour</source>
            <translation>hora</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="175" />
            <source>1M tokens</source>
            <translation>1M tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="181" />
            <source>Prices change. An edited price is dated today; the cost estimate names the date it uses.</source>
            <translation>Os preços mudam. Um preço editado recebe a data de hoje; a estimativa de custo informa a data que usa.</translation>
        </message>
    </context>
    <context>
        <name>RestoreBackupDialog</name>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="37" />
            <source>Automatic, while you worked</source>
            <translation>Automática, enquanto você trabalhava</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="38" />
            <source>Before upgrading to this version of the app</source>
            <translation>Antes de atualizar para esta versão do app</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="39" />
            <source>Before merging a colleague's copy</source>
            <translation>Antes de mesclar a cópia de um colega</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="40" />
            <source>Before deleting a dataset</source>
            <translation>Antes de excluir um conjunto de dados</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="41" />
            <source>Before deleting examples</source>
            <translation>Antes de excluir exemplos</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="42" />
            <source>Before removing duplicates</source>
            <translation>Antes de remover duplicatas</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="43" />
            <source>Made by hand</source>
            <translation>Feita manualmente</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="56" />
            <source>{0} KB</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="58" />
            <source>{0} MB</source>
            <translation>{0} MB</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="85" />
            <source>Restore from Backup</source>
            <translation>Restaurar de uma cópia de segurança</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="91" />
            <source>{problem}

You can restore it from one of its automatic backups, newest first. Restoring as a copy writes a new project file next to it; replacing keeps the damaged file as “{kept}”.</source>
            <translation>{problem}

Você pode restaurá-lo a partir de uma das cópias de segurança automáticas, da mais recente para a mais antiga. Restaurar como cópia grava um novo arquivo de projeto ao lado dele; substituir guarda o arquivo danificado como “{kept}”.</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="96" />
            <source>Automatic backups of “{name}”, newest first. Restoring one writes it as a new project file next to this one and opens it; this project stays as it is.</source>
            <translation>Cópias de segurança automáticas de “{name}”, da mais recente para a mais antiga. Restaurar uma delas a grava como um novo arquivo de projeto ao lado deste e o abre; este projeto continua como está.</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="103" />
            <source>Made</source>
            <translation>Feita em</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="103" />
            <source>Why</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="103" />
            <source>Size</source>
            <translation>Tamanho</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="107" />
            <source>Backups</source>
            <translation>Cópias de segurança</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="111" />
            <source>There are no backups of this project yet. One is made every 10 minutes while it changes, and before upgrades, merges and bulk deletes.</source>
            <translation>Ainda não há cópias de segurança deste projeto. Uma é feita a cada 10 minutos enquanto ele muda, e antes de atualizações, mesclagens e exclusões em massa.</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="121" />
            <source>Restoring… the rest of the app stays usable.</source>
            <translation>Restaurando… o resto do app continua disponível.</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="132" />
            <source>Restore as a &amp;Copy</source>
            <translation>Restaurar como &amp;cópia</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="133" />
            <source>Write the chosen backup as a new project file and open it (Enter)</source>
            <translation>Gravar a cópia escolhida como um novo arquivo de projeto e abri-lo (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="137" />
            <source>&amp;Replace the Damaged File</source>
            <translation>&amp;Substituir o arquivo danificado</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="140" />
            <source>Put the chosen backup in place of “{name}”; the damaged file is kept as “{kept}”.</source>
            <translation>Colocar a cópia escolhida no lugar de “{name}”; o arquivo danificado fica guardado como “{kept}”.</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="144" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
        <message>
            <location filename="../../ui/restore_backup_dialog.py" line="236" />
            <source>The backup could not be restored: {0}</source>
            <translation>Não foi possível restaurar a cópia de segurança: {0}</translation>
        </message>
    </context>
    <context>
        <name>ResultBox</name>
        <message>
            <location filename="../../ui/annotate/import_dialog.py" line="123" />
            <source>Problems found</source>
            <translation>Problemas encontrados</translation>
        </message>
    </context>
    <context>
        <name>RewriteEditor</name>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="63" />
            <source>Start from answer A</source>
            <translation>Partir da resposta A</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="64" />
            <source>Start from answer B</source>
            <translation>Partir da resposta B</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="67" />
            <source>Rewritten answer</source>
            <translation>Resposta reescrita</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="70" />
            <source>&amp;Also save as an SFT example in</source>
            <translation>&amp;Salvar também como exemplo SFT em</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="75" />
            <source>Save rewrite (Ctrl+Enter)</source>
            <translation>Salvar reescrita (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="78" />
            <source>Cancel (Esc)</source>
            <translation>Cancelar (Esc)</translation>
        </message>
    </context>
    <context>
        <name>RewriteFlow</name>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="171" />
            <source>Judge first, then press E to rewrite the better answer.</source>
            <translation>Julgue primeiro e depois pressione E para reescrever a melhor resposta.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="182" />
            <source>{queue} rewrites</source>
            <translation>Reescritas de {queue}</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="184" />
            <source>a new dataset “{name}”</source>
            <translation>um novo conjunto de dados “{name}”</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="192" />
            <source>Rewrite answer {letter}: your text becomes the preferred answer of this comparison; the other answer stays the rejected one.</source>
            <translation>Reescrever a resposta {letter}: seu texto vira a resposta preferida desta comparação; a outra resposta continua sendo a rejeitada.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="194" />
            <source>Both answers are weak: your text becomes the preferred answer, and the answer you start from the rejected one.</source>
            <translation>As duas respostas são fracas: seu texto vira a resposta preferida, e a resposta da qual você parte vira a rejeitada.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/rewrite.py" line="196" />
            <source>A tie is not exported as a pair; your rewrite is kept with the judgement and can be saved as an SFT example.</source>
            <translation>Um empate não é exportado como par; sua reescrita fica guardada com o julgamento e pode ser salva como exemplo SFT.</translation>
        </message>
    </context>
    <context>
        <name>SampleOfferBar</name>
        <message>
            <location filename="../../ui/sample_offer.py" line="59" />
            <source>Sample project</source>
            <translation>Projeto de exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="62" />
            <source>Tip</source>
            <translation>Dica</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="65" />
            <source>&lt;b&gt;New here?&lt;/b&gt; Explore a sample project: a support assistant's training data, answers to judge side by side and a grader, so every view has something in it before you bring your own data.</source>
            <translation>&lt;b&gt;Primeira vez por aqui?&lt;/b&gt; Explore um projeto de exemplo: dados de treinamento de um assistente de suporte, respostas para julgar lado a lado e um avaliador — assim todas as telas já têm conteúdo antes de você trazer os seus dados.</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="71" />
            <source>Open the Sample Project</source>
            <translation>Abrir o projeto de exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="72" />
            <source>No Thanks</source>
            <translation>Agora não</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="98" />
            <source>The sample project could not be opened.</source>
            <translation>Não foi possível abrir o projeto de exemplo.</translation>
        </message>
        <message>
            <location filename="../../ui/sample_offer.py" line="102" />
            <source>Preparing the sample project…</source>
            <translation>Preparando o projeto de exemplo…</translation>
        </message>
    </context>
    <context>
        <name>SaveExampleDialog</name>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="173" />
            <source>Save as a training example</source>
            <translation>Salvar como exemplo de treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="180" />
            <source>The conversation becomes one example; the answer below is what the model will learn to say. Fix it first if it needs fixing.</source>
            <translation>A conversa vira um exemplo; a resposta abaixo é o que o modelo vai aprender a dizer. Corrija-a antes, se for preciso.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="185" />
            <source>Conversation</source>
            <translation>Conversa</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="188" />
            <source>Answer</source>
            <translation>Resposta</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="201" />
            <source>Save the example (Ctrl+Enter)</source>
            <translation>Salvar o exemplo (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="207" />
            <source>Conversation:</source>
            <translation>Conversa:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="208" />
            <source>&amp;Answer:</source>
            <translation>&amp;Resposta:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="209" />
            <source>&amp;Dataset:</source>
            <translation>&amp;Conjunto de dados:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="225" />
            <source>No project is open, so there is nowhere to save the example.</source>
            <translation>Nenhum projeto está aberto, então não há onde salvar o exemplo.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="241" />
            <source>The answer is empty, so the model would learn nothing from this example. Type the answer it should give.</source>
            <translation>A resposta está vazia, então o modelo não aprenderia nada com este exemplo. Digite a resposta que ele deve dar.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="269" />
            <source>The example could not be saved: {e}</source>
            <translation>Não foi possível salvar o exemplo: {e}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="271" />
            <source>The example could not be saved.</source>
            <translation>Não foi possível salvar o exemplo.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="283" />
            <source>Saved in “{name}”, but it needs a look before training:</source>
            <translation>Salvo em “{name}”, mas ele precisa de atenção antes do treinamento:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/save_example_dialog.py" line="287" />
            <source>Close</source>
            <translation>Fechar</translation>
        </message>
    </context>
    <context>
        <name>SendPairDialog</name>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="77" />
            <source>Send a pair of answers</source>
            <translation>Enviar um par de respostas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="97" />
            <source>&amp;First answer:</source>
            <translation>&amp;Primeira resposta:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="98" />
            <source>&amp;Second answer:</source>
            <translation>&amp;Segunda resposta:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="103" />
            <source>Answers:</source>
            <translation>Respostas:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="107" />
            <source>Ask the &amp;annotator which answer is better</source>
            <translation>Perguntar ao &amp;anotador qual resposta é melhor</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="108" />
            <source>Add to a &amp;DPO dataset — I already know the better answer</source>
            <translation>Adicionar a um conjunto de dados &amp;DPO — já sei qual é a melhor resposta</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="119" />
            <source>Annotator queue</source>
            <translation>Fila de anotação</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="120" />
            <source>Pick a queue or type the name of a new one.</source>
            <translation>Escolha uma fila ou digite o nome de uma nova.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="122" />
            <source>&amp;Queue:</source>
            <translation>&amp;Fila:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="123" />
            <source>The annotator sees both answers side by side in random order, without the model names, so the judgement is blind.</source>
            <translation>O anotador vê as duas respostas lado a lado, em ordem aleatória e sem os nomes dos modelos, então o julgamento é às cegas.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="138" />
            <source>Better answer:</source>
            <translation>Melhor resposta:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="140" />
            <source>D&amp;PO dataset:</source>
            <translation>Co&amp;njunto de dados DPO:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="153" />
            <source>&amp;Send</source>
            <translation>&amp;Enviar</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="189" />
            <source>No project is open, so there is nowhere to send the answers.</source>
            <translation>Nenhum projeto está aberto, então não há para onde enviar as respostas.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="202" />
            <source>A pair needs two answers; this conversation has fewer.</source>
            <translation>Um par precisa de duas respostas; esta conversa tem menos.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="217" />
            <source>Choose two different answers.</source>
            <translation>Escolha duas respostas diferentes.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="220" />
            <source>“{label}” is empty; there is nothing to compare.</source>
            <translation>“{label}” está vazia; não há nada para comparar.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="223" />
            <source>Type the name of the queue the annotator should judge the pair in.</source>
            <translation>Digite o nome da fila em que o anotador deve julgar o par.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="226" />
            <source>Choose which answer is better.</source>
            <translation>Escolha qual resposta é melhor.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="259" />
            <source>Sent to the queue “{name}” (1 comparison in it).</source>
            <translation>Enviado para a fila “{name}” (1 comparação nela).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="261" />
            <source>Sent to the queue “{name}” ({n} comparisons in it).</source>
            <translation>Enviado para a fila “{name}” ({n} comparações nela).</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="270" />
            <source>Added to the DPO dataset “{name}”.</source>
            <translation>Adicionado ao conjunto de dados DPO “{name}”.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/playground/send_pair_dialog.py" line="273" />
            <source>It has %Ln problem(s) to fix in the Datasets view before training.</source>
            <translation>
                <numerusform>Ele tem %Ln problema para corrigir na tela Conjuntos de dados antes do treinamento.</numerusform>
                <numerusform>Ele tem %Ln problemas para corrigir na tela Conjuntos de dados antes do treinamento.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="284" />
            <source>The pair could not be stored: {e}</source>
            <translation>Não foi possível guardar o par: {e}</translation>
        </message>
        <message>
            <location filename="../../ui/playground/send_pair_dialog.py" line="286" />
            <source>The pair of answers could not be stored.</source>
            <translation>Não foi possível guardar o par de respostas.</translation>
        </message>
    </context>
    <context>
        <name>SessionHistoryMixin</name>
        <message>
            <location filename="../../ui/playground/history.py" line="66" />
            <source>The Playground session could not be saved: %1</source>
            <translation>Não foi possível salvar a sessão do Playground: %1</translation>
        </message>
        <message>
            <location filename="../../ui/playground/history.py" line="143" />
            <source>That session no longer exists.</source>
            <translation>Essa sessão não existe mais.</translation>
        </message>
    </context>
    <context>
        <name>SessionListWidget</name>
        <message>
            <location filename="../../ui/playground/session_list.py" line="41" />
            <source>&lt;b&gt;History&lt;/b&gt;</source>
            <translation>&lt;b&gt;Histórico&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="42" />
            <source>New session</source>
            <translation>Nova sessão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="43" />
            <source>Start an empty session; this one stays in the history (Ctrl+N)</source>
            <translation>Iniciar uma sessão vazia; esta continua no histórico (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="46" />
            <source>Saved sessions</source>
            <translation>Sessões salvas</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="51" />
            <source>Session title</source>
            <translation>Título da sessão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="52" />
            <source>Title of the selected session</source>
            <translation>Título da sessão selecionada</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="54" />
            <source>&amp;Title:</source>
            <translation>&amp;Título:</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="56" />
            <source>Open</source>
            <translation>Abrir</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="57" />
            <source>Reopen the selected session (Enter)</source>
            <translation>Reabrir a sessão selecionada (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="59" />
            <source>Delete…</source>
            <translation>Excluir…</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="60" />
            <source>Delete the selected session from the project</source>
            <translation>Excluir do projeto a sessão selecionada</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="62" />
            <source>No saved sessions yet — every conversation you start is kept here.</source>
            <translation>Ainda não há sessões salvas — toda conversa que você iniciar fica guardada aqui.</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="94" />
            <location filename="../../ui/playground/session_list.py" line="141" />
            <source>Untitled session</source>
            <translation>Sessão sem título</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="95" />
            <source>no model chosen</source>
            <translation>nenhum modelo escolhido</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="139" />
            <source>Delete session</source>
            <translation>Excluir sessão</translation>
        </message>
        <message>
            <location filename="../../ui/playground/session_list.py" line="140" />
            <source>Delete the session “%1” and its answers? This cannot be undone.</source>
            <translation>Excluir a sessão “%1” e as respostas dela? Isso não pode ser desfeito.</translation>
        </message>
    </context>
    <context>
        <name>SettingRow</name>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="96" />
            <source>Type or pick a model</source>
            <translation>Digite ou escolha um modelo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="101" />
            <source>default</source>
            <translation>padrão</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="103" />
            <source>Higher gives more varied answers; “default” sends nothing.</source>
            <translation>Mais alta dá respostas mais variadas; “padrão” não envia nada.</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="104" />
            <source>Temperature:</source>
            <translation>Temperatura:</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="106" />
            <source>Remove</source>
            <translation>Remover</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="123" />
            <source>connection</source>
            <translation>conexão</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="123" />
            <source>model</source>
            <translation>modelo</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="124" />
            <source>temperature</source>
            <translation>temperatura</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="124" />
            <source>remove</source>
            <translation>remover</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="125" />
            <source>Setting {0}: {1}</source>
            <translation>Configuração {0}: {1}</translation>
        </message>
    </context>
    <context>
        <name>SettingsList</name>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="162" />
            <source>&amp;Add a setting</source>
            <translation>&amp;Adicionar configuração</translation>
        </message>
        <message>
            <location filename="../../ui/annotate/generate_settings.py" line="164" />
            <source>Compare another model, or the same model at another temperature</source>
            <translation>Comparar outro modelo ou o mesmo modelo com outra temperatura</translation>
        </message>
    </context>
    <context>
        <name>SplitDialog</name>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="45" />
            <source>Split into training and validation</source>
            <translation>Dividir em treino e validação</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="54" />
            <source>The same seed always gives the same split.</source>
            <translation>A mesma semente sempre gera a mesma divisão.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="57" />
            <source>&amp;Validation share:</source>
            <translation>Parte de &amp;validação:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="58" />
            <source>&amp;Seed:</source>
            <translation>&amp;Semente:</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="68" />
            <source>%Ln example(s) for training, {v} for validation.</source>
            <translation>
                <numerusform>%Ln exemplo para treino, {v} para validação.</numerusform>
                <numerusform>%Ln exemplos para treino, {v} para validação.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatsPanel</name>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="35" />
            <source>Examples:</source>
            <translation>Exemplos:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="36" />
            <source>Tokens per example:</source>
            <translation>Tokens por exemplo:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="37" />
            <source>Answer tokens:</source>
            <translation>Tokens de resposta:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="38" />
            <source>Missing parts:</source>
            <translation>Partes ausentes:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="39" />
            <source>Training:</source>
            <translation>Treinamento:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="48" />
            <source>Edit prices…</source>
            <translation>Editar preços…</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="49" />
            <source>Prices change: correct them to match your provider's current prices.</source>
            <translation>Os preços mudam: corrija-os para que correspondam aos preços atuais do seu provedor.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="51" />
            <source>Tokens per example</source>
            <translation>Tokens por exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="51" />
            <source>tokens</source>
            <translation>tokens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="52" />
            <source>Messages per example</source>
            <translation>Mensagens por exemplo</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="52" />
            <source>messages</source>
            <translation>mensagens</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="68" />
            <source>Select a dataset to see its statistics.</source>
            <translation>Selecione um conjunto de dados para ver as estatísticas dele.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="77" />
            <source> (estimate)</source>
            <translation> (estimativa)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="78" />
            <source>For base model {model}.</source>
            <translation>Para o modelo base {model}.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="78" />
            <source>(none chosen)</source>
            <translation>(nenhum escolhido)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="83" />
            <source>median {median} · 10% under {p10} · 10% over {p90} · longest {max}{est}</source>
            <translation>mediana {median} · 10% abaixo de {p10} · 10% acima de {p90} · maior {max}{est}</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="89" />
            <source>median {median}, {total} in all</source>
            <translation>mediana {median}, {total} no total</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="95" />
            <source>{s} without a system message, {u} without a user message</source>
            <translation>{s} sem mensagem de sistema, {u} sem mensagem de usuário</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="101" />
            <source>%Ln epoch(s) (predicted) · {tokens} billable tokens</source>
            <translation>
                <numerusform>%Ln época (prevista) · {tokens} tokens cobrados</numerusform>
                <numerusform>%Ln épocas (previstas) · {tokens} tokens cobrados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="103" />
            <source>%Ln epoch(s) (chosen) · {tokens} billable tokens</source>
            <translation>
                <numerusform>%Ln época (escolhida) · {tokens} tokens cobrados</numerusform>
                <numerusform>%Ln épocas (escolhidas) · {tokens} tokens cobrados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/stats_panel.py" line="106" />
            <source> · %Ln too long, would be cut</source>
            <translation>
                <numerusform> · %Ln longo demais, seria cortado</numerusform>
                <numerusform> · %Ln longos demais, seriam cortados</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="112" />
            <source>About {cost} to train</source>
            <translation>Cerca de {cost} para treinar</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/stats_panel.py" line="114" />
            <source>No cost estimate</source>
            <translation>Sem estimativa de custo</translation>
        </message>
    </context>
    <context>
        <name>SystemPromptDialog</name>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="118" />
            <source>System prompt</source>
            <translation>Prompt de sistema</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="120" />
            <source>Set it (add where missing, replace where present)</source>
            <translation>Definir (adicionar onde falta, substituir onde existe)</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="121" />
            <source>Replace it only where present</source>
            <translation>Substituir só onde já existe</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="122" />
            <source>Remove it</source>
            <translation>Remover</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="124" />
            <source>You are a careful assistant for…</source>
            <translation>Você é um assistente cuidadoso para…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/datasets/dialogs.py" line="127" />
            <source>Applies to %Ln selected example(s); you can undo it.</source>
            <translation>
                <numerusform>Vale para %Ln exemplo selecionado; você pode desfazer.</numerusform>
                <numerusform>Vale para %Ln exemplos selecionados; você pode desfazer.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="128" />
            <source>&amp;What:</source>
            <translation>&amp;Ação:</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/dialogs.py" line="129" />
            <source>&amp;Text:</source>
            <translation>&amp;Texto:</translation>
        </message>
    </context>
    <context>
        <name>SystemPromptWidget</name>
        <message>
            <location filename="../../ui/playground/conversation.py" line="34" />
            <source>Optional: instructions every model gets first, e.g. “You are a careful assistant for a law firm.”</source>
            <translation>Opcional: instruções que todo modelo recebe primeiro, p. ex. “Você é um assistente cuidadoso de um escritório de advocacia.”</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="36" />
            <source>System prompt</source>
            <translation>Prompt de sistema</translation>
        </message>
        <message>
            <location filename="../../ui/playground/conversation.py" line="39" />
            <source>S&amp;ystem prompt:</source>
            <translation>Prompt de &amp;sistema:</translation>
        </message>
    </context>
    <context>
        <name>TrainingSettingsWidget</name>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="39" />
            <source>Choose the training settings myself (otherwise the provider decides)</source>
            <translation>Escolher as configurações de treinamento manualmente (senão, o provedor decide)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="42" />
            <source>Passes over the data (1–50)</source>
            <translation>Passagens pelos dados (1–50)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="43" />
            <source>Examples per training step (1–256)</source>
            <translation>Exemplos por passo de treinamento (1–256)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="48" />
            <location filename="../../ui/jobs/training_settings.py" line="54" />
            <location filename="../../ui/jobs/training_settings.py" line="88" />
            <source>auto</source>
            <translation>auto</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="49" />
            <source>Learning rate multiplier (above 0)</source>
            <translation>Multiplicador da taxa de aprendizado (acima de 0)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="55" />
            <source>Above 0 and at most 2; higher keeps the model closer to how it was</source>
            <translation>Acima de 0 e no máximo 2; quanto maior, mais o modelo fica perto do que era</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="62" />
            <source>&amp;Epochs:</source>
            <translation>É&amp;pocas:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="62" />
            <source>&amp;Batch size:</source>
            <translation>&amp;Tamanho do lote:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="63" />
            <source>&amp;Learning rate ×:</source>
            <translation>Taxa de &amp;aprendizado ×:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="63" />
            <source>Be&amp;ta:</source>
            <translation>&amp;Beta:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="64" />
            <source>Reasoning &amp;effort:</source>
            <translation>Esforço de &amp;raciocínio:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="69" />
            <source>optional, added to the model's name</source>
            <translation>opcional, acrescentado ao nome do modelo</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="71" />
            <source>S&amp;uffix:</source>
            <translation>S&amp;ufixo:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="72" />
            <source>The same seed usually repeats a run</source>
            <translation>A mesma semente costuma repetir um treinamento</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="73" />
            <source>random</source>
            <translation>aleatória</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="76" />
            <source>See&amp;d:</source>
            <translation>&amp;Semente:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="78" />
            <source>optional: key=value, key=value (up to 15, for your own records)</source>
            <translation>opcional: chave=valor, chave=valor (até 15, para seu próprio controle)</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="80" />
            <source>&amp;Labels:</source>
            <translation>Rótu&amp;los:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="83" />
            <source>&amp;Grader:</source>
            <translation>A&amp;valiador:</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="120" />
            <source>Write labels as key=value, separated by commas.</source>
            <translation>Escreva os rótulos como chave=valor, separados por vírgula.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="122" />
            <source>A label's name may have 64 characters and its value 512.</source>
            <translation>O nome de um rótulo pode ter até 64 caracteres, e o valor, até 512.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="125" />
            <source>Up to 15 labels are possible, and “app_request_id” is the app's own.</source>
            <translation>São possíveis até 15 rótulos, e “app_request_id” é reservado para o aplicativo.</translation>
        </message>
        <message>
            <location filename="../../ui/jobs/training_settings.py" line="133" />
            <source>The suffix is %1 characters long; at most 64 are allowed.</source>
            <translation>O sufixo tem %1 caracteres; o máximo permitido é 64.</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <location filename="../../ui/playground/pane.py" line="84" />
            <source>You</source>
            <translation>Você</translation>
        </message>
        <message>
            <location filename="../../ui/playground/pane.py" line="84" />
            <source>(not asked: this pane was added later)</source>
            <translation>(pergunta não enviada: este painel foi adicionado depois)</translation>
        </message>
    </context>
    <context>
        <name>ValidationPanel</name>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="30" />
            <source>Findings</source>
            <translation>Problemas</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="52" />
            <source>Select a dataset to check it.</source>
            <translation>Selecione um conjunto de dados para verificá-lo.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="62" />
            <source>✔ No problems found: this dataset follows the platform's rules.</source>
            <translation>✔ Nenhum problema encontrado: este conjunto de dados segue as regras da plataforma.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="64" />
            <source>Errors to fix before training: {e} · warnings worth a look: {w}.</source>
            <translation>Erros a corrigir antes do treinamento: {e} · avisos que vale conferir: {w}.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="71" />
            <source>Listed: the first {shown} of {total} examples with findings — filter the table by status for all.</source>
            <translation>Na lista: os primeiros {shown} de {total} exemplos com problemas — filtre a tabela por status para ver todos.</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="78" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="78" />
            <source>Warning</source>
            <translation>Aviso</translation>
        </message>
        <message>
            <location filename="../../ui/datasets/validation_panel.py" line="79" />
            <source>{severity}: {title} ({n})</source>
            <translation>{severity}: {title} ({n})</translation>
        </message>
    </context>
    <context>
        <name>Views</name>
        <message>
            <location filename="../../ui/views/pages.py" line="28" />
            <source>Datasets</source>
            <translation>Conjuntos de dados</translation>
        </message>
        <message>
            <location filename="../../ui/views/pages.py" line="29" />
            <source>Annotate</source>
            <translation>Anotar</translation>
        </message>
        <message>
            <location filename="../../ui/views/pages.py" line="30" />
            <source>Jobs</source>
            <translation>Treinamentos</translation>
        </message>
        <message>
            <location filename="../../ui/views/pages.py" line="31" />
            <source>Playground</source>
            <translation>Playground</translation>
        </message>
    </context>
</TS>
