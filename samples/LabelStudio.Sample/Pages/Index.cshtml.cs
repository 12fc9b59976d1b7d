using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LabelStudio.Sample.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/projects");
}
