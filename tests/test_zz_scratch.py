from tests.factories import project_with_gallery_and_funder
def test_dump(admin_client, site_content):
    p = project_with_gallery_and_funder()
    html = admin_client.get(f"/admin/projects/project/{p.pk}/change/").content.decode()
    open("/tmp/scratch/project.html", "w").write(html)
    from projects.models import Partner
    html = admin_client.get(f"/admin/projects/partner/{Partner.objects.first().pk}/change/").content.decode()
    open("/tmp/scratch/partner.html", "w").write(html)
    html = admin_client.get(f"/admin/pages/page/").content.decode()
    open("/tmp/scratch/pages.html", "w").write(html)
