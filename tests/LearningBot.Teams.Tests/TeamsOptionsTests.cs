using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams.Tests;

public sealed class TeamsOptionsTests
{
    private static TeamsOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddTeamsChannel(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TeamsOptions>>().Value;
    }

    [Fact]
    public void The_defaults_describe_local_development_against_the_public_Bot_Framework()
    {
        var options = Bind([]);

        Assert.True(options.IsDevelopmentMode);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal(256 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(["botframework.com", "smba.trafficmanager.net", "teams.microsoft.com", "teams.microsoft.us"], options.AllowedServiceUrlHosts);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.Authority);
    }

    [Fact]
    public void A_tenant_id_makes_the_authority_single_tenant()
    {
        var options = Bind(new() { ["LearningBot:Teams:AppId"] = "app", ["LearningBot:Teams:AppPassword"] = "s", ["LearningBot:Teams:TenantId"] = "contoso-tenant" });

        Assert.False(options.IsDevelopmentMode);
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant", options.Authority);
    }

    [Fact]
    public void An_app_id_without_a_password_fails_with_a_message_saying_what_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["LearningBot:Teams:AppId"] = "app" }));

        Assert.Contains("LearningBot:Teams:AppPassword", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_keys_over_plain_http_are_refused_unless_on_loopback()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["LearningBot:Teams:OpenIdMetadataUrl"] = "http://keys.example.com/openid" }));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:5000/openid", Bind(new() { ["LearningBot:Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:5000/openid" }).OpenIdMetadataUrl);
    }
}
