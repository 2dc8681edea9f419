using System.Globalization;
using System.Net;
using System.Text;
using LearningBot.Core.Analytics;
using LearningBot.Teams;
using Microsoft.Extensions.Options;

namespace LearningBot.Api;

/// <summary>
/// <c>GET /dashboard</c>: the organisation's overview, topics and retention, lessons and content gaps, server-rendered
/// HTML with inline SVG (no script, no build step), readable on a phone. Only in local development mode (no
/// <c>LearningBot:Teams:AppId</c>) and only from this machine, signed in as the configured dev admin; anywhere else it
/// answers 401 and shows no data until Entra ID sign-in is configured.
/// </summary>
public static partial class DashboardEndpoint
{
    /// <summary>Maps <c>/dashboard</c>.</summary>
    public static void MapDashboard(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/dashboard", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<TeamsOptions> teams, IOptions<AnalyticsOptions> options,
        AnalyticsService analytics, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var remote = context.Connection.RemoteIpAddress;
        var loopback = remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
        if (!teams.Value.IsDevelopmentMode || !loopback)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required",
                detail: "The dashboard is open only in local development mode (no LearningBot:Teams:AppId), from this machine. Use /api/analytics with the API key meanwhile.");
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var period = AnalyticsPeriod.TryParse(context.Request.Query["from"], context.Request.Query["to"], today, options.Value.MaxPeriodDays, out var problem);
        if (period is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad period", detail: problem);
        }
        var logger = loggers.CreateLogger("LearningBot.Dashboard");
        Log.DashboardViewed(logger, options.Value.DevAdminEmail, "organisation", period.From, period.To);
        var scope = (await analytics.ScopeAsync(null, cancellationToken).ConfigureAwait(false))!;
        var overview = await analytics.OverviewAsync(period, scope, cancellationToken).ConfigureAwait(false);
        var retention = await analytics.RetentionAsync(cancellationToken).ConfigureAwait(false);
        var lessons = await analytics.LessonsAsync(period, cancellationToken).ConfigureAwait(false);
        var gaps = await analytics.ContentGapsAsync(period, cancellationToken).ConfigureAwait(false);
        return Results.Content(Render(overview, retention, lessons, gaps, options.Value.DevAdminEmail), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    internal static string Render(AnalyticsOverview o, IReadOnlyList<RetentionRow> retention, IReadOnlyList<LessonRow> lessons, IReadOnlyList<ContentGapRow> gaps, string who)
    {
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append(c, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>LearningBot dashboard</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff;line-height:1.4}
            h1{font-size:1.5rem} h2{font-size:1.2rem;margin-top:2rem} a{color:#0b57d0}
            .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;padding:0;list-style:none}
            .tiles li{border:1px solid #767676;border-radius:.5rem;padding:.75rem} .tiles strong{display:block;font-size:1.6rem}
            table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}
            .risk{color:#a50e0e;font-weight:600} .table{overflow-x:auto}
            </style></head><body>
            <header><h1>Learning dashboard</h1>
            <p>Signed in as {{E(who)}} (admin, local development mode). Period {{o.Period.From:yyyy-MM-dd}} to {{o.Period.To:yyyy-MM-dd}}.
            Groups of fewer than {{o.MinGroupSize}} people are never shown.</p>
            <form method="get" action="/dashboard"><label>From <input type="date" name="from" value="{{o.Period.From:yyyy-MM-dd}}"></label>
            <label>To <input type="date" name="to" value="{{o.Period.To:yyyy-MM-dd}}"></label> <button type="submit">Show</button></form></header>
            <main>
            <section aria-labelledby="overview"><h2 id="overview">Overview</h2>
            """);
        if (o.Hidden)
        {
            html.Append(c, $"<p id=\"hidden-note\">Fewer than {o.MinGroupSize} people: no figures are shown.</p>");
        }
        else
        {
            html.Append("<ul class=\"tiles\">");
            Tile(html, "active-learners", "Active learners", o.ActiveLearners);
            Tile(html, "questions-asked", "Questions asked", o.Questions!.Asked);
            Tile(html, "questions-answered", "Answered from the library", o.Questions.Answered);
            Tile(html, "questions-declined", "Not in the library", o.Questions.Declined);
            Tile(html, "quizzes-sent", "Quizzes sent", o.Quizzes!.Sent);
            Tile(html, "quizzes-answered", "Quizzes answered", o.Quizzes.Answered);
            Tile(html, "recognitions-given", "Recognitions given", o.Recognitions!.Given);
            Tile(html, "checkins", "Circle check-ins", o.Circles!.CheckIns);
            html.Append("</ul>");
            var total = Math.Max(1, o.Questions.Asked);
            var answeredWidth = 300.0 * o.Questions.Answered / total;
            html.Append(c, $"""
                <svg role="img" aria-labelledby="answers-chart-title" viewBox="0 0 320 40" width="100%" style="max-width:30rem">
                <title id="answers-chart-title">{o.Questions.Answered} of {o.Questions.Asked} questions answered from the library</title>
                <rect x="0" y="8" width="300" height="24" fill="#e3e3e3"/><rect x="0" y="8" width="{answeredWidth:0.#}" height="24" fill="#0b57d0"/></svg>
                """);
        }
        html.Append("</section><section aria-labelledby=\"retention\"><h2 id=\"retention\">Topics and retention</h2>");
        if (retention.Count == 0)
        {
            html.Append(c, $"<p>No topic has been reviewed by {o.MinGroupSize} or more people yet.</p>");
        }
        else
        {
            var topics = retention.Select(r => r.Topic).Distinct(StringComparer.Ordinal).ToList();
            var teams = retention.Select(r => r.Team).Distinct(StringComparer.Ordinal).ToList();
            html.Append(c, $"<svg role=\"img\" aria-labelledby=\"heat-title\" viewBox=\"0 0 {120 + (teams.Count * 80)} {30 + (topics.Count * 30)}\" width=\"100%\" style=\"max-width:40rem\"><title id=\"heat-title\">Predicted recall now, topic by team</title>");
            for (var t = 0; t < teams.Count; t++)
            {
                html.Append(c, $"<text x=\"{160 + (t * 80)}\" y=\"18\" text-anchor=\"middle\" font-size=\"12\">{E(teams[t])}</text>");
            }
            for (var i = 0; i < topics.Count; i++)
            {
                html.Append(c, $"<text x=\"0\" y=\"{49 + (i * 30)}\" font-size=\"12\">{E(topics[i])}</text>");
                for (var t = 0; t < teams.Count; t++)
                {
                    if (retention.FirstOrDefault(r => r.Topic == topics[i] && r.Team == teams[t]) is { } cell)
                    {
                        var shade = (int)Math.Round(255 * (1 - cell.PredictedRecall));
                        html.Append(c, $"<rect x=\"{120 + (t * 80)}\" y=\"{30 + (i * 30)}\" width=\"78\" height=\"28\" fill=\"rgb({shade},{120 + (cell.PredictedRecall * 80):0},{255 - shade})\"/>");
                        html.Append(c, $"<text x=\"{160 + (t * 80)}\" y=\"{49 + (i * 30)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#fff\">{cell.PredictedRecall * 100:0}%</text>");
                    }
                }
            }
            html.Append("</svg><div class=\"table\"><table><caption>Predicted recall now</caption><thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Team</th><th scope=\"col\">Learners</th><th scope=\"col\">Recall</th></tr></thead><tbody>");
            foreach (var r in retention)
            {
                html.Append(c, $"<tr><td>{E(r.Topic)}</td><td>{E(r.Team)}</td><td>{r.Learners}</td><td{(r.AtRisk ? " class=\"risk\"" : "")}>{r.PredictedRecall * 100:0}%{(r.AtRisk ? " (at risk)" : "")}</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }
        html.Append("</section><section aria-labelledby=\"lessons\"><h2 id=\"lessons\">Lessons</h2><div class=\"table\"><table><thead><tr><th scope=\"col\">Lesson</th><th scope=\"col\">Answered</th><th scope=\"col\">👍</th><th scope=\"col\">👎</th></tr></thead><tbody>");
        foreach (var l in lessons.Where(l => l.Answered + l.Helpful + l.NotHelpful > 0))
        {
            html.Append(c, $"<tr><td>{E(l.Title)}</td><td>{l.Answered}</td><td>{l.Helpful}</td><td>{l.NotHelpful}</td></tr>");
        }
        html.Append("</tbody></table></div></section><section aria-labelledby=\"gaps\"><h2 id=\"gaps\">Content gaps</h2><div class=\"table\"><table><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Asked</th><th scope=\"col\">Closest lesson</th></tr></thead><tbody>");
        foreach (var g in gaps)
        {
            html.Append(c, $"<tr><td>{E(g.Question)}</td><td>{g.Asked}</td><td>{E(g.ClosestLessonId)}</td></tr>");
        }
        html.Append("</tbody></table></div></section></main></body></html>\n");
        return html.ToString();
    }

    private static void Tile(StringBuilder html, string id, string label, int? value) =>
        html.Append(CultureInfo.InvariantCulture, $"<li id=\"{id}\">{E(label)}<strong>{value}</strong></li>");

    private static partial class Log
    {
        [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "Dashboard viewed by {Viewer}: scope {Scope}, {From} to {To}")]
        public static partial void DashboardViewed(ILogger logger, string viewer, string scope, DateOnly from, DateOnly to);
    }
}
