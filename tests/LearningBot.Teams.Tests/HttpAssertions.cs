using System.Net.Http.Headers;

namespace LearningBot.Teams.Tests;

public static class HttpAssertions
{
    public static bool IsProblem(this HttpResponseMessage response) =>
        response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/problem+json" };
}
