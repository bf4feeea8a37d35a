using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Support;

/// <summary>Proxy settings pointing at the strict fake as an Azure resource (v1 unless a test says otherwise), with its key.</summary>
internal static class FakeUpstreamSettings
{
    public static ProxySettings Azure(FakeUpstreamServer fake, string big = "gpt-5", string middle = "gpt-4o", string small = "gpt-4o-mini") => new()
    {
        BaseUrl = fake.BaseUri,
        ApiKey = fake.Options.ApiKey,
        Provider = ProviderKind.Azure,
        BigModel = big,
        MiddleModel = middle,
        SmallModel = small,
    };
}
