using System.Security.Cryptography;
using System.Text;

namespace LearningBot.Api;

/// <summary>The one check every /api/* endpoint makes: the API is switched on and the caller sent its key.</summary>
public static class ApiKey
{
    /// <summary>A problem to answer with, or null when the request may go on.</summary>
    public static IResult? Check(HttpContext context, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Key))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "API switched off",
                detail: "Set LearningBot:Api:Key to enable the /api endpoints, and send that key in the X-Api-Key header.");
        }
        var given = context.Request.Headers["X-Api-Key"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.Key))
            ? null
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong API key",
                detail: "Send the key configured in LearningBot:Api:Key in the X-Api-Key header.");
    }
}
