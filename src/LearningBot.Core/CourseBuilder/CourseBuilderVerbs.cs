namespace LearningBot.Core.CourseBuilder;

/// <summary>The card-action verbs of the course builder.</summary>
public static class CourseBuilderVerbs
{
    public const string Build = "course.build";
    public const string Decline = "course.decline";
    public const string Cancel = "course.cancel";
    public const string Approve = "course.approve";
    public const string Edit = "course.edit";
    public const string Save = "course.save";
    public const string Review = "course.review";
    public const string Discard = "course.discard";
}
