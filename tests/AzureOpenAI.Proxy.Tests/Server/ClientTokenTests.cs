using AzureOpenAI.Proxy.Server;

namespace AzureOpenAI.Proxy.Tests.Server;

public class ClientTokenTests
{
    [Fact]
    public void SameToken_Matches_OthersDoNot()
    {
        var token = new ClientToken("s3cret-token");

        Assert.True(token.IsRequired);
        Assert.True(token.Matches("s3cret-token"));
        Assert.False(token.Matches("s3cret-tokeN"));
        Assert.False(token.Matches("s3cret"));
        Assert.False(token.Matches(""));
    }

    [Fact]
    public void NoToken_RequiresNothingAndMatchesNothing()
    {
        var token = new ClientToken(null);

        Assert.False(token.IsRequired);
        Assert.False(token.Matches("anything"));
    }
}
