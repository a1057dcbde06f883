"""Provider errors, connection checks and parameter problems in Brazilian Portuguese, as a Portuguese
user reads them: the refusal to train (with the way forward), a wrong key, "Test connection", a rate
limit's wait (one second, several seconds) and the problems of a connection being filled in."""

from __future__ import annotations

import pytest

from app import i18n
from app.models.chat import ChatParams
from app.models.connection import ConnectionProfile, ProviderKind
from app.services import providers
from app.services.provider_errors import ErrorKind, rate_limit_message


def work(server) -> ConnectionProfile:
    return ConnectionProfile(name="Trabalho", kind=ProviderKind.OPENAI, base_url=server.base_url)


@pytest.mark.asyncio
async def test_refusals_and_the_connection_test_in_portuguese(standin):
    import openai

    client = providers.build_client(work(standin), standin.api_key, max_retries=0)
    errors = []
    for status in (403, 401):
        standin.inject(path="/models", status=status, body={"error": {"message": "no", "type": "x", "code": None}})
        with pytest.raises(openai.APIStatusError) as info:
            await client.models.list()
        errors.append(info.value)
    await client.close()
    try:
        i18n.setup("pt_BR")
        refusal = providers.map_error(errors[0], work(standin), operation="create_job")
        wrong_key = providers.map_error(errors[1], work(standin))
        connected = await providers.test_connection(work(standin), standin.api_key)
    finally:
        i18n.setup("en")
    assert refusal.kind is ErrorKind.ENTITLEMENT
    assert refusal.message.startswith("Este provedor recusou iniciar um treinamento de ajuste fino. A OpenAI está "
                                      "encerrando o ajuste fino por conta própria (self-serve)")
    assert refusal.message.endswith("Para treinar, adicione uma conexão do Azure OpenAI (Microsoft Foundry) em "
                                    "Configurações → Conexões: ela aceita os mesmos dados e métodos.")
    assert wrong_key.message == (
        "A chave de API de “Trabalho” não foi aceita. Ela pode ter sido digitada errado, revogada ou ser de outra "
        "conta. Digite a chave de novo em Configurações → Conexões."
    )
    assert connected.ok
    assert connected.message == f"Conectado. {len(standin.models)} modelos disponíveis (ajustados por você: 1)."


def test_a_rate_limits_wait_in_portuguese_singular_and_plural():
    try:
        i18n.setup("pt_BR")
        one = rate_limit_message(0.4, None)
        many = rate_limit_message(20.2, None)
        quota = rate_limit_message(None, "insufficient_quota")
    finally:
        i18n.setup("en")
    start = "O provedor está limitando as requisições agora e pede para esperar antes da próxima: "
    assert one == start + "tente de novo daqui a 1 segundo."
    assert many == start + "tente de novo daqui a 21 segundos."
    assert quota.startswith("O provedor recusou a requisição porque a conta esgotou a cota ou os créditos.")


def test_connection_and_parameter_problems_in_portuguese():
    try:
        i18n.setup("pt_BR")
        azure = ConnectionProfile(name=" ", kind=ProviderKind.AZURE, api_version="").problems()
        plain = ConnectionProfile(name="Servidor", kind=ProviderKind.COMPATIBLE, base_url="http://10.0.0.5/v1")
        insecure = plain.insecure_problem()
        params = ChatParams(temperature=2.5, max_completion_tokens=0).problems()
    finally:
        i18n.setup("en")
    assert azure == [
        "Dê um nome à conexão.",
        "Informe o endpoint do Azure, p. ex. https://my-resource.openai.azure.com.",
        "Informe a versão da API do Azure, p. ex. 2025-04-01-preview.",
    ]
    assert insecure is not None and insecure.startswith("http://10.0.0.5/v1 não é criptografado (começa com http://)")
    assert params == ["A temperatura precisa estar entre 0 e 2.",
                      "O limite de tamanho da resposta precisa ser de pelo menos 1 token."]
